namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>
/// The query document of <c>HcsEnumerateComputeSystems</c>. Each list that is set must contain the
/// system's value; unset lists match everything.
/// </summary>
public sealed record ComputeSystemQuery
{
    /// <summary>Compute system ids to match.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Compute system names to match.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>System types to match, for example <see cref="HcsSystemTypes.VirtualMachine"/>.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Owners to match, for example <see cref="HcsOwners.RunhcsShim"/>.</summary>
    public IReadOnlyList<string>? Owners { get; init; }

    /// <summary>The query for every pod utility VM containerd's runhcs shim created.</summary>
    public static ComputeSystemQuery PodUtilityVms { get; } = new()
    {
        Types = [HcsSystemTypes.VirtualMachine],
        Owners = [HcsOwners.RunhcsShim],
    };
}
