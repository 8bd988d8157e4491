/**
 * What every Ségur Bio SDK module shares: stable error codes ({@link fr.segurbio.core.ErrorCode}), problems
 * with a French and an English message ({@link fr.segurbio.core.Problem}), validation results that list every
 * problem ({@link fr.segurbio.core.ValidationResult}) and the root of the SDK's unchecked exceptions
 * ({@link fr.segurbio.core.SegurException}).
 */
module fr.segurbio.core {
    exports fr.segurbio.core;
    exports fr.segurbio.core.auth;
}
