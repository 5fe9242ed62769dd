package io.patchflow.itsm.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The built-in register is the ticket system unless {@code patchflow.itsm.system} names another one ({@code jira}),
 * so exactly one {@code TicketSystem} exists and the register's endpoint goes away with it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(prefix = "patchflow.itsm", name = "system", havingValue = "local", matchIfMissing = true)
@interface OnLocalTicketRegister {
}
