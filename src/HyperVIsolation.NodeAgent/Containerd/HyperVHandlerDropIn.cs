using System.Globalization;
using System.Text;
using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Renders the containerd drop-in file the node agent installs: the <c>runhcs-wcow-hypervisor</c>
/// handler and one <c>runhcs-wcow-hypervisor-&lt;build&gt;</c> per build, all Hyper-V isolated and with a
/// pod annotation allow-list that lets VM sizing and <c>io.microsoft.disable-unsafe-operations</c>
/// through (containerd's built-in default drops the latter). The file starts with <see cref="Marker"/>
/// so uninstall deletes only a file we wrote. Pure: text in, text out.
/// </summary>
public static class HyperVHandlerDropIn
{
    /// <summary>First line of every file we write; a file without it is never ours to remove.</summary>
    public const string Marker = "# managed-by: hyperv-isolation node agent; removed on uninstall, do not edit";

    /// <summary>The generic Hyper-V handler name, the one upstream containerd and e2e tests use.</summary>
    public const string BaseHandlerName = "runhcs-wcow-hypervisor";

    /// <summary>The hcsshim shim type.</summary>
    public const string RunhcsRuntimeType = "io.containerd.runhcs.v1";

    /// <summary>The drop-in's file name beside <c>config.toml</c>.</summary>
    public const string FileName = "hyperv-isolation.toml";

    /// <summary>The pod annotations our handlers let through.</summary>
    public static IReadOnlyList<string> PodAnnotationPatterns { get; } =
        [HcsAnnotations.VirtualMachinePrefix + "*", HcsAnnotations.DisableUnsafeOperations];

    /// <summary>The container annotations our handlers let through (containerd's default for runhcs).</summary>
    public static IReadOnlyList<string> ContainerAnnotationPatterns { get; } = ["io.microsoft.container.*"];

    /// <summary>The per-build handler name, for example <c>runhcs-wcow-hypervisor-20348</c>.</summary>
    public static string HandlerName(WindowsBuild build) =>
        string.Create(CultureInfo.InvariantCulture, $"{BaseHandlerName}-{build.Number}");

    /// <summary>Whether a file's text is a drop-in we wrote.</summary>
    public static bool IsManaged(string text) =>
        text is not null && text.TrimStart('\uFEFF').StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>Renders the drop-in.</summary>
    /// <exception cref="ContainerdConfigException">A config version without runtime handlers we can write.</exception>
    public static string Render(HyperVHandlerDropInSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ConfigVersion is not (ContainerdConfigVersions.Containerd2 or ContainerdConfigVersions.Containerd17))
        {
            throw new ContainerdConfigException($"Drop-ins are written for containerd config version 2 or 3, not {spec.ConfigVersion}.");
        }

        var runtimesTable = RuntimesTable(spec.ConfigVersion);
        var text = new StringBuilder()
            .AppendLine(Marker)
            .AppendLine(CultureInfo.InvariantCulture, $"version = {spec.ConfigVersion}");
        var handlers = new[] { BaseHandlerName }.Concat(spec.Builds.Distinct().Order().Select(HandlerName));
        foreach (var handler in handlers)
        {
            AppendHandler(text, $"{runtimesTable}.{handler}", spec);
        }

        return text.ToString();
    }

    private static string RuntimesTable(int version) => version == ContainerdConfigVersions.Containerd2
        ? $"plugins.'{ContainerdConfigVersions.CriRuntimePluginId(version)}'.containerd.runtimes"
        : $"plugins.\"{ContainerdConfigVersions.CriRuntimePluginId(version)}\".containerd.runtimes";

    private static void AppendHandler(StringBuilder text, string table, HyperVHandlerDropInSpec spec)
    {
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"[{table}]")
            .AppendLine(CultureInfo.InvariantCulture, $"  runtime_type = {Quote(RunhcsRuntimeType)}")
            .AppendLine(CultureInfo.InvariantCulture, $"  pod_annotations = {Array(PodAnnotationPatterns)}")
            .AppendLine(CultureInfo.InvariantCulture, $"  container_annotations = {Array(ContainerAnnotationPatterns)}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"  [{table}.options]")
            .AppendLine(CultureInfo.InvariantCulture, $"    SandboxIsolation = {RunhcsOptions.HypervisorIsolation}")
            .AppendLine(CultureInfo.InvariantCulture, $"    SandboxPlatform = {Quote(spec.SandboxPlatform)}")
            .AppendLine("    ScaleCpuLimitsToSandbox = true")
            .AppendLine("    ScrubLogs = true");
        if (spec.VmMemorySizeInMb is { } memory)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    VmMemorySizeInMb = {memory}");
        }

        if (spec.VmProcessorCount is { } processors)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    VmProcessorCount = {processors}");
        }
    }

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    // Literal strings: our values contain no single quotes, and literals need no escaping of '\' in Windows paths.
    private static string Quote(string value) => value.Contains('\'', StringComparison.Ordinal)
        ? throw new ArgumentException($"'{value}' cannot be written as a TOML literal string.", nameof(value))
        : $"'{value}'";
}
