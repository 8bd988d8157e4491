/**
 * The durable journal of the sendings ({@link fr.segurbio.dispatch.journal.Journal}): one entry per report
 * version × channel × recipient, with its state, attempts, next attempt, last error and remote ids, on an
 * embedded H2 file or on PostgreSQL shared by several nodes.
 */
package fr.segurbio.dispatch.journal;
