package dev.vigil.alerting.slo;

import java.util.Locale;

/** Who is told when a rule fires: a human now (page) or a ticket queue. */
public enum Severity {
    PAGE, TICKET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
