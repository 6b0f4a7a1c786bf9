package dev.herald.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks Herald's own resources: {@link AccessFilter} authenticates and authorizes requests to them, and only to
 * them (an application that embeds Herald keeps its own resources untouched). The topic is the {@code topic} path
 * parameter.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Guarded {

    Access value();
}
