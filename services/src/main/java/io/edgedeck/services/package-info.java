/**
 * What the console and the command line both do on top of the store and the device link: operator sign-in with
 * their own key, relay commands checked against the operator's role, rate-limited, signed and audited, and alert
 * evaluation ({@code alerts}: rules, alarms, acknowledgement, Slack). No JavaFX: the views bind to these services
 * through their view-models, the CLI calls them directly, so no rule lives only in one of them.
 */
package io.edgedeck.services;
