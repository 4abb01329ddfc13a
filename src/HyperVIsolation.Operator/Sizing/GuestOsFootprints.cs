using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// Guest OS footprint per flavor, bound from the <see cref="SectionName"/> configuration section.
/// The defaults are planning numbers (Nano Server is far smaller than Server Core); measure on
/// your hosts and override them.
/// </summary>
public sealed record GuestOsFootprints
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "GuestOsFootprints";

    /// <summary>Nano Server: 512 MiB and 100m by default.</summary>
    public GuestOsFootprint NanoServer { get; init; } = new() { MemoryMiB = 512, CpuMillicores = 100 };

    /// <summary>Server Core: 1024 MiB and 200m by default.</summary>
    public GuestOsFootprint ServerCore { get; init; } = new() { MemoryMiB = 1024, CpuMillicores = 200 };

    /// <summary>Full Server: 1536 MiB and 250m by default.</summary>
    public GuestOsFootprint Server { get; init; } = new() { MemoryMiB = 1536, CpuMillicores = 250 };

    /// <summary>The footprint of a resolved flavor.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flavor"/> is Auto; resolve it with the OS selector first.</exception>
    public GuestOsFootprint For(OsFlavor flavor) => flavor switch
    {
        OsFlavor.NanoServer => NanoServer,
        OsFlavor.ServerCore => ServerCore,
        OsFlavor.Server => Server,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "Resolve Auto to a flavor before sizing."),
    };

    /// <summary>Every problem with the configured values, for start-up validation (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        AddErrors(errors, nameof(NanoServer), NanoServer);
        AddErrors(errors, nameof(ServerCore), ServerCore);
        AddErrors(errors, nameof(Server), Server);
        return errors;
    }

    private static void AddErrors(List<string> errors, string name, GuestOsFootprint? footprint)
    {
        if (footprint is null)
        {
            errors.Add($"{SectionName}:{name} is missing.");
            return;
        }

        if (footprint.MemoryMiB is < 1 or > 1048576)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name}:MemoryMiB is {footprint.MemoryMiB}; it must be between 1 and 1048576."));
        }

        if (footprint.CpuMillicores is < 0 or > 64000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name}:CpuMillicores is {footprint.CpuMillicores}; it must be between 0 and 64000."));
        }
    }
}
