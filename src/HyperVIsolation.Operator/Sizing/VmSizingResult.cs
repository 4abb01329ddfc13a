using System.Diagnostics.CodeAnalysis;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>The outcome of <see cref="VmSizer.Size"/>: a sizing, or every reason there is none.</summary>
public sealed record VmSizingResult
{
    private VmSizingResult(VmSizing? sizing, IReadOnlyList<VmSizingFailure> failures)
    {
        Sizing = sizing;
        Failures = failures;
    }

    /// <summary>The sizing, when it succeeded.</summary>
    public VmSizing? Sizing { get; }

    /// <summary>All failures, empty on success.</summary>
    public IReadOnlyList<VmSizingFailure> Failures { get; }

    /// <summary>Whether the VM was sized.</summary>
    [MemberNotNullWhen(true, nameof(Sizing))]
    public bool IsSuccess => Sizing is not null;

    /// <summary>A successful sizing.</summary>
    public static VmSizingResult Success(VmSizing sizing) => new(sizing, []);

    /// <summary>A failed sizing with at least one failure.</summary>
    public static VmSizingResult Fail(IReadOnlyList<VmSizingFailure> failures)
    {
        ArgumentOutOfRangeException.ThrowIfZero(failures.Count);
        return new VmSizingResult(null, failures);
    }
}
