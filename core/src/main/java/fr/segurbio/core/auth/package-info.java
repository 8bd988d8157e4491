/**
 * Values shared by the modules that authenticate professionals (psc-auth) and those that use the result
 * (dmp-client, mssante-client), so that these modules never depend on one another.
 */
package fr.segurbio.core.auth;
