package dev.herald.problem;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;

/**
 * Turns whatever a Herald resource method throws into a {@link HeraldException}: a JAX-RS status exception into
 * its typed problem, anything else into an {@code internal-error} with an incident id. Herald's own exceptions
 * pass unchanged.
 */
@HeraldErrors
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class HeraldErrorsInterceptor {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (HeraldException known) {
            throw known;
        } catch (WebApplicationException status) {
            int code = status.getResponse().getStatus();
            throw code >= 400 ? StatusProblems.exception(code) : status;
        } catch (Exception bug) {
            throw Incidents.report(bug);
        }
    }
}
