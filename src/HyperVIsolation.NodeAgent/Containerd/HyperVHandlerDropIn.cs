using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.Api.Windows;
using Tomlyn;
using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Renders the containerd drop-in file the node agent installs: the <c>runhcs-wcow-hypervisor</c>
/// handler and one <c>runhcs-wcow-hypervisor-&lt;build&gt;</c> per build, all Hyper-V isolated and with a
/// pod annotation allow-list that lets VM sizing and <c>io.microsoft.disable-unsafe-operations</c>
/// through (containerd's built-in default drops the latter). For containerd 1.x (config version 2) it also
/// carries the node's whole CRI plugin table (<see cref="HyperVHandlerDropInSpec.CriPluginTable"/>), because
/// 1.x lets an imported plugin table replace the main file's. The file starts with <see cref="Marker"/>
/// so uninstall deletes only a file we wrote. Pure: tables in, text out, the same bytes for the same input.
/// <para>
/// The per-build handlers differ only in name, and that is a known limit, not a down-level switch: a WCOW
/// Hyper-V pod's utility VM boots from the sandbox (pause) image's layers, and containerd 1.7 has one
/// plugin-wide <c>sandbox_image</c>, resolved for the host's own build, with no per-handler platform. So every
/// handler here boots a VM of the host's build. Down-level pods need containerd 2.x's image pull per runtime
/// class (KEP-4216: kubelet's <c>RuntimeClassInImageCriApi</c> and a per-handler guest platform in containerd's
/// image config); those keys were not verified against a containerd release, so nothing here writes them, and
/// the RuntimeClasses the operator renders use the generic handler.
/// </para>
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

    // One line ending on every platform, so the same node state always renders the same bytes.
    private static readonly TomlSerializerOptions SerializerOptions = new() { NewLine = TomlNewLineKind.Lf };

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

        // containerd 1.x replaces a plugin's whole table with an imported one: start from the node's own CRI table.
        var plugin = spec.ConfigVersion == ContainerdConfigVersions.Containerd17 && spec.CriPluginTable is { } node
            ? TomlTableCopy.Of(node)
            : new TomlTable();
        var runtimes = Child(Child(plugin, "containerd"), "runtimes");
        foreach (var handler in new[] { BaseHandlerName }.Concat(spec.Builds.Distinct().Order().Select(HandlerName)))
        {
            runtimes[handler] = HandlerTable(spec);
        }

        var root = new TomlTable
        {
            ["version"] = (long)spec.ConfigVersion,
            ["plugins"] = new TomlTable { [ContainerdConfigVersions.CriRuntimePluginId(spec.ConfigVersion)] = plugin },
        };
        return Marker + "\n" + TomlSerializer.Serialize(root, SerializerOptions);
    }

    private static TomlTable HandlerTable(HyperVHandlerDropInSpec spec)
    {
        var options = new TomlTable
        {
            [nameof(RunhcsOptions.SandboxIsolation)] = RunhcsOptions.HypervisorIsolation,
            [nameof(RunhcsOptions.SandboxPlatform)] = spec.SandboxPlatform,
            [nameof(RunhcsOptions.ScaleCpuLimitsToSandbox)] = true,
            [nameof(RunhcsOptions.ScrubLogs)] = true,
        };
        if (spec.VmMemorySizeInMb is { } memory)
        {
            options[nameof(RunhcsOptions.VmMemorySizeInMb)] = memory;
        }

        if (spec.VmProcessorCount is { } processors)
        {
            options[nameof(RunhcsOptions.VmProcessorCount)] = processors;
        }

        return new TomlTable
        {
            ["runtime_type"] = RunhcsRuntimeType,
            ["pod_annotations"] = Array(PodAnnotationPatterns),
            ["container_annotations"] = Array(ContainerAnnotationPatterns),
            ["options"] = options,
        };
    }

    // The table under key, created when missing or replaced when not a table (ours must be one).
    private static TomlTable Child(TomlTable parent, string key)
    {
        if (parent.TryGetValue(key, out var value) && value is TomlTable table)
        {
            return table;
        }

        var created = new TomlTable();
        parent[key] = created;
        return created;
    }

    private static TomlArray Array(IEnumerable<string> values)
    {
        var array = new TomlArray();
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }
}
