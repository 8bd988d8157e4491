/**
 * The "0 clic" publication of a validated report: its stable error codes ({@link
 * fr.segurbio.dispatch.DispatchError}); the journal of the sendings is in {@link fr.segurbio.dispatch.journal}.
 */
package fr.segurbio.dispatch;
