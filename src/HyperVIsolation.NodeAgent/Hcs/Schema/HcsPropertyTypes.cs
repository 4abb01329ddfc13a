namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of <see cref="PropertyQuery.PropertyTypes"/>.</summary>
public static class HcsPropertyTypes
{
    /// <summary>Runtime statistics: uptime, CPU, memory and storage counters.</summary>
    public const string Statistics = "Statistics";

    /// <summary>Utility VM memory information.</summary>
    public const string Memory = "Memory";
}
