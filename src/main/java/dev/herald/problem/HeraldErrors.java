package dev.herald.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks Herald's resources: every failure in them leaves as a {@link HeraldException}, which Herald's only global
 * exception mapper answers. Nothing else is mapped globally, so an application that embeds Herald keeps its own
 * error answers (JAX-RS exception mappers apply to the whole application).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HeraldErrors {
}
