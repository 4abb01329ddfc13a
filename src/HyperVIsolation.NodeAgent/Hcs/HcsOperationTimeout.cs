using System.Globalization;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// How long the agent waits for one HCS operation. <c>HcsCancelOperation</c> is not implemented (it returns
/// E_NOTIMPL), so an infinite <c>HcsWaitForOperationResult</c> on a stuck call would block its thread and the
/// reconcile for good: every wait is finite and ends in <see cref="HcsErrorCodes.OperationTimeout"/>, as in hcsshim.
/// </summary>
public static class HcsOperationTimeout
{
    /// <summary>The default: property queries and live resizes complete in well under a second on a healthy host.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(30);

    // INFINITE (0xFFFFFFFF) must never be passed by accident: the longest finite wait is one below it.
    private const uint LongestFiniteMilliseconds = 0xFFFFFFFE;

    /// <summary>The <c>timeoutMs</c> argument of <c>HcsWaitForOperationResult</c> for <paramref name="timeout"/>, rounded up, never INFINITE.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero, negative or infinite.</exception>
    public static uint ToMilliseconds(TimeSpan timeout)
    {
        Validate(timeout);
        var milliseconds = Math.Ceiling(timeout.TotalMilliseconds);
        return milliseconds >= LongestFiniteMilliseconds ? LongestFiniteMilliseconds : (uint)milliseconds;
    }

    /// <summary>Rejects a timeout that is not a positive, finite time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero, negative or infinite.</exception>
    public static void Validate(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An HCS operation timeout must be a positive, finite time.");
        }
    }

    /// <summary>The failure a timed-out operation reports.</summary>
    public static HcsException Expired(string operation, TimeSpan timeout) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{operation} (no result within {timeout.TotalSeconds:0.###} s; HcsCancelOperation is not implemented, so the call was abandoned)"),
            HcsErrorCodes.OperationTimeout);
}
