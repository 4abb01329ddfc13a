using HyperVIsolation.NodeAgent.Hcs.Schema;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>Typed HCS calls over the JSON seam of <see cref="IHostComputeService"/> and <see cref="IComputeSystem"/>.</summary>
public static class HostComputeServiceExtensions
{
    /// <summary>Lists compute systems matching <paramref name="query"/>.</summary>
    public static async Task<IReadOnlyList<ComputeSystemSummary>> EnumerateComputeSystemsAsync(
        this IHostComputeService hcs, ComputeSystemQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hcs);
        var json = await hcs.EnumerateComputeSystemsAsync(
            HcsDocumentSerializer.Serialize(query, HcsJsonContext.Default.ComputeSystemQuery), cancellationToken);
        return string.IsNullOrWhiteSpace(json)
            ? []
            : HcsDocumentSerializer.Deserialize(json, HcsJsonContext.Default.IReadOnlyListComputeSystemSummary);
    }

    /// <summary>Reads the property groups named in <paramref name="query"/>.</summary>
    public static async Task<Properties> GetPropertiesAsync(
        this IComputeSystem system, PropertyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var json = await system.GetPropertiesAsync(
            HcsDocumentSerializer.Serialize(query, HcsJsonContext.Default.PropertyQuery), cancellationToken);
        return HcsDocumentSerializer.Deserialize(json, HcsJsonContext.Default.Properties);
    }

    /// <summary>Applies a <see cref="ModifySettingRequest"/>.</summary>
    public static Task ModifyAsync(this IComputeSystem system, ModifySettingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.ModifyAsync(
            HcsDocumentSerializer.Serialize(request, HcsJsonContext.Default.ModifySettingRequest), cancellationToken);
    }
}
