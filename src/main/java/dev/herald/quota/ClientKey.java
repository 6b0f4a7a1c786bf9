package dev.herald.quota;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who a quota is counted against: the authenticated principal, or, for anonymous requests, the remote address
 * (behind a proxy every anonymous client shares the proxy's: size the per-address quotas for that, or authenticate).
 * Never logged nor put in a problem's detail.
 */
public record ClientKey(String value, boolean authenticated) {

    public static ClientKey principal(String name) {
        return new ClientKey(name, true);
    }

    public static ClientKey address(String address) {
        return new ClientKey(address == null ? "unknown" : address, false);
    }

    /** The key of the current request. */
    public static ClientKey of(SecurityContext security, HttpServletRequest request) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal != null && principal.getName() != null) {
            return principal(principal.getName());
        }
        return address(request == null ? null : request.getRemoteAddr());
    }
}
