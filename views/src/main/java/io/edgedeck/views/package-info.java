/**
 * EdgeDeck's JavaFX screens. {@link io.edgedeck.views.MainWindow} is the entry point the app uses.
 * <p>
 * Layout: one package per screen ({@code dashboard}, {@code history}, {@code devices}, {@code quarantine},
 * {@code status}), each a {@code FooView} that only builds and binds controls and a {@code FooViewModel} with JavaFX
 * properties (read-only ones under "Properties", actions under "Commands") that never touches a control and is
 * tested without a window. {@code fleet} holds the live per-device state shared by Dashboard and Devices.
 * <p>
 * Threading: database reads go through {@link io.edgedeck.views.common.Tasks} (the app's background executor, results
 * back via {@code Platform.runLater}). Ingest commits arrive on the pipeline's writer thread and are only merged into
 * a concurrent map ({@link io.edgedeck.views.fleet.FleetModel#committed}); one timeline pulse every 200 ms applies
 * them, so the FX thread sees at most five updates a second per device whatever the message rate.
 */
package io.edgedeck.views;
