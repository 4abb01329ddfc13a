using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// A rolling update's limits in pods, resolved as the Deployment controller does: maxSurge
/// percentages round up, maxUnavailable percentages round down, both default to 25%, and when both
/// come out 0 maxUnavailable becomes 1 so the update can make progress.
/// </summary>
/// <param name="MaxSurge">Pods allowed above replicas.</param>
/// <param name="MaxUnavailable">Pods allowed below replicas in readiness.</param>
internal sealed record RolloutBounds(int MaxSurge, int MaxUnavailable)
{
    private const string DefaultBound = "25%";

    public static RolloutBounds Resolve(RollingUpdateSettings? settings, int replicas)
    {
        var surge = Scale(settings?.MaxSurge, replicas, roundUp: true);
        var unavailable = Math.Min(Scale(settings?.MaxUnavailable, replicas, roundUp: false), replicas);
        return surge == 0 && unavailable == 0 ? new RolloutBounds(0, 1) : new RolloutBounds(surge, unavailable);
    }

    private static int Scale(IntOrString? bound, int replicas, bool roundUp)
    {
        var text = bound?.Value ?? DefaultBound;
        if (!text.EndsWith('%'))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        }

        if (!int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return 0;
        }

        var scaled = (long)percent * replicas;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
