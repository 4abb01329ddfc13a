using System.Globalization;

namespace HyperVIsolation.Api.Windows;

/// <summary>
/// A Windows build number as carried by the node label <c>node.kubernetes.io/windows-build</c>
/// (<c>10.0.&lt;build&gt;</c>).
/// </summary>
public readonly record struct WindowsBuild(int Number) : IComparable<WindowsBuild>
{
    /// <summary>Windows Server 2019.</summary>
    public static readonly WindowsBuild Ltsc2019 = new(17763);

    /// <summary>Windows Server 2022.</summary>
    public static readonly WindowsBuild Ltsc2022 = new(20348);

    /// <summary>Windows Server, version 23H2 (Annual Channel; no LTSC base images).</summary>
    public static readonly WindowsBuild V23H2 = new(25398);

    /// <summary>Windows Server 2025.</summary>
    public static readonly WindowsBuild Ltsc2025 = new(26100);

    /// <summary>The label value form, for example <c>10.0.20348</c>.</summary>
    public string LabelValue => string.Create(CultureInfo.InvariantCulture, $"10.0.{Number}");

    /// <summary>The LTSC release this build is, if it is one.</summary>
    public WindowsVersion? Version => Number switch
    {
        17763 => WindowsVersion.Ltsc2019,
        20348 => WindowsVersion.Ltsc2022,
        26100 => WindowsVersion.Ltsc2025,
        _ => null,
    };

    /// <summary>The build of an LTSC release.</summary>
    public static WindowsBuild Of(WindowsVersion version) => version switch
    {
        WindowsVersion.Ltsc2019 => Ltsc2019,
        WindowsVersion.Ltsc2022 => Ltsc2022,
        WindowsVersion.Ltsc2025 => Ltsc2025,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Auto names no build."),
    };

    /// <summary>
    /// Parses a node label value. Accepts <c>10.0.20348</c>, a bare <c>20348</c>, and a trailing
    /// revision (<c>10.0.20348.2340</c>), which some node images report.
    /// </summary>
    public static bool TryParse(string? value, out WindowsBuild build)
    {
        build = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Trim().Split('.');
        var buildPart = parts.Length switch
        {
            1 => parts[0],
            3 or 4 when parts[0] == "10" && parts[1] == "0" => parts[2],
            _ => null,
        };
        if (buildPart is null || !int.TryParse(buildPart, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        build = new WindowsBuild(number);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(WindowsBuild other) => Number.CompareTo(other.Number);

    /// <summary>Orders builds oldest first.</summary>
    public static bool operator <(WindowsBuild left, WindowsBuild right) => left.Number < right.Number;

    /// <summary>Orders builds oldest first.</summary>
    public static bool operator >(WindowsBuild left, WindowsBuild right) => left.Number > right.Number;

    /// <summary>Orders builds oldest first.</summary>
    public static bool operator <=(WindowsBuild left, WindowsBuild right) => left.Number <= right.Number;

    /// <summary>Orders builds oldest first.</summary>
    public static bool operator >=(WindowsBuild left, WindowsBuild right) => left.Number >= right.Number;

    /// <inheritdoc />
    public override string ToString() => LabelValue;
}
