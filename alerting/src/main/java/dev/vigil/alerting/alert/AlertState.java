package dev.vigil.alerting.alert;

/** Where an alert stands after a transition. Inactive alerts have no record at all. */
public enum AlertState {
    FIRING, RESOLVED
}
