/**
 * Maintenance windows and change freezes: part of the change module's API (the demo seeds them, later the console
 * shows them), hence a named interface.
 */
@org.springframework.modulith.NamedInterface("calendar")
package io.patchflow.change.calendar;
