/**
 * Flashing operations the CLI and the Flash view share: validate-then-flash with an optional backup
 * ({@link io.edgedeck.link.esp32.ops.SafeFlash}), the same job on several boards in parallel
 * ({@link io.edgedeck.link.esp32.ops.ParallelFlash}), OTA slot status and selection
 * ({@link io.edgedeck.link.esp32.ops.OtaControl}), and progress arithmetic for displays
 * ({@link io.edgedeck.link.esp32.ops.ProgressMeter}). Built on the flash, image and loader packages; no UI.
 */
package io.edgedeck.link.esp32.ops;
