using System.Diagnostics.CodeAnalysis;

namespace HyperVIsolation.Operator.Placement;

/// <summary>The outcome of <see cref="OsSelector.Select"/>: a decision or a failure, never both.</summary>
public sealed record OsSelectionResult
{
    private OsSelectionResult(OsDecision? decision, OsSelectionFailure? failure)
    {
        Decision = decision;
        Failure = failure;
    }

    /// <summary>The decision, when the selection succeeded.</summary>
    public OsDecision? Decision { get; }

    /// <summary>The failure, when the selection failed.</summary>
    public OsSelectionFailure? Failure { get; }

    /// <summary>Whether a decision was made.</summary>
    [MemberNotNullWhen(true, nameof(Decision))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Decision is not null;

    /// <summary>A successful selection.</summary>
    public static OsSelectionResult Success(OsDecision decision) => new(decision, null);

    /// <summary>A failed selection.</summary>
    public static OsSelectionResult Fail(OsSelectionFailureReason reason, string message) =>
        new(null, new OsSelectionFailure(reason, message));
}
