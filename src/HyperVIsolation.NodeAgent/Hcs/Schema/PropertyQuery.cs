namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>The property query document of <c>HcsGetComputeSystemProperties</c>.</summary>
public sealed record PropertyQuery
{
    /// <summary>Property groups to return, see <see cref="HcsPropertyTypes"/>.</summary>
    public required IReadOnlyList<string> PropertyTypes { get; init; }

    /// <summary>The query the node agent uses for sizing and usage: statistics and VM memory.</summary>
    public static PropertyQuery StatisticsAndMemory { get; } = new()
    {
        PropertyTypes = [HcsPropertyTypes.Statistics, HcsPropertyTypes.Memory],
    };
}
