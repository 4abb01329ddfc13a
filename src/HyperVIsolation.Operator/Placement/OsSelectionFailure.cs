namespace HyperVIsolation.Operator.Placement;

/// <summary>Why the OS selection failed: a stable reason code and one sentence for the user.</summary>
/// <param name="Reason">Stable reason, used as the condition reason.</param>
/// <param name="Message">One sentence that says what is wrong and what to do.</param>
public sealed record OsSelectionFailure(OsSelectionFailureReason Reason, string Message);
