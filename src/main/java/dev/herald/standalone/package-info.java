/**
 * What only the standalone WAR has, around {@link dev.herald.HeraldApplication}: exception mappers that answer
 * every failure of the whole application as a typed problem. The library jar ({@code herald-<version>-library.jar})
 * leaves them out so that an embedding application's own errors stay its own.
 */
package dev.herald.standalone;
