package dev.herald.security;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

/**
 * The JAX-RS security context of a request whose token was accepted: its principal is the token's subject, so that
 * what counts per principal (the quotas of {@code dev.herald.quota}) counts this caller, not its address. Roles are
 * not used: a caller's rights are its grants.
 */
final class CallerSecurityContext implements SecurityContext {

    private final Principal principal;
    private final boolean secure;

    CallerSecurityContext(String subject, boolean secure) {
        this.principal = () -> subject;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
