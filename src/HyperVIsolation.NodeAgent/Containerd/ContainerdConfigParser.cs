using System.Globalization;
using Tomlyn;
using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Reads containerd <c>config.toml</c> text (versions 1, 2 and 3) into a <see cref="ContainerdConfig"/>.
/// Pure: no file access (see <see cref="ContainerdConfigLoader"/> for files and imports).
/// </summary>
public static class ContainerdConfigParser
{
    /// <summary>Parses one config file's text.</summary>
    /// <param name="toml">The file content.</param>
    /// <param name="sourceName">The file name, for error messages.</param>
    /// <exception cref="ContainerdConfigException">Malformed TOML, an unsupported version, or a mistyped value.</exception>
    public static ContainerdConfig Parse(string toml, string? sourceName = null)
    {
        var document = ReadDocument(toml, sourceName);
        return ToConfig(document.Version, document.Imports, document.Root, sourceName);
    }

    /// <summary>Parses one config file's text into its tables, without following its imports.</summary>
    /// <exception cref="ContainerdConfigException">Malformed TOML or an unsupported version.</exception>
    public static MergedContainerdConfig ParseTables(string toml, string? sourceName = null)
    {
        var document = ReadDocument(toml, sourceName);
        return new MergedContainerdConfig(document.Version, document.Imports, document.Root, [sourceName ?? "config.toml"]);
    }

    /// <summary>The product's view of a (possibly merged) config: the runtime handlers where <paramref name="version"/> keeps them.</summary>
    internal static ContainerdConfig ToConfig(int version, IReadOnlyList<string> imports, TomlTable root, string? sourceName) => new()
    {
        Version = version,
        Imports = imports,
        RuntimeHandlers = ToHandlers(RuntimesTable(root, version, sourceName), sourceName),
    };

    /// <summary>The <c>plugins.&lt;id&gt;</c> table of <paramref name="root"/>, or <see langword="null"/> when the file has none.</summary>
    internal static TomlTable? PluginTable(TomlTable root, string pluginId, string? sourceName) =>
        Table(root, sourceName, "plugins", pluginId);

    private static TomlTable RuntimesTable(TomlTable root, int version, string? sourceName) =>
        Table(root, sourceName, "plugins", ContainerdConfigVersions.CriRuntimePluginId(version), "containerd", "runtimes") ?? new TomlTable();

    private static Dictionary<string, ContainerdRuntimeHandler> ToHandlers(TomlTable runtimes, string? sourceName)
    {
        var handlers = new Dictionary<string, ContainerdRuntimeHandler>(StringComparer.Ordinal);
        foreach (var (name, value) in runtimes)
        {
            var table = value as TomlTable
                ?? throw Error(sourceName, $"runtimes.{name} must be a table");
            handlers[name] = ToHandler(name, table, sourceName);
        }

        return handlers;
    }

    /// <summary>Parses the TOML and finds the version and imports.</summary>
    internal static ParsedContainerdDocument ReadDocument(string toml, string? sourceName)
    {
        ArgumentNullException.ThrowIfNull(toml);
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            var where = ex.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $" at line {line}, column {ex.Column}") : string.Empty;
            throw new ContainerdConfigException($"{sourceName ?? "containerd config"} is not valid TOML{where}: {ex.Message}", ex);
        }

        var version = root.TryGetValue("version", out var v)
            ? v is long number ? (int)number : throw Error(sourceName, "version must be an integer")
            : ContainerdConfigVersions.Legacy;
        // Rejects a version containerd never had, before anything reads the plugins.
        _ = ContainerdConfigVersions.CriRuntimePluginId(version);
        var imports = StringList(root, "imports", sourceName);
        return new ParsedContainerdDocument(version, imports, root);
    }

    private static ContainerdRuntimeHandler ToHandler(string name, TomlTable table, string? sourceName)
    {
        var prefix = $"runtimes.{name}";
        return new ContainerdRuntimeHandler
        {
            Name = name,
            RuntimeType = OptionalString(table, "runtime_type", prefix, sourceName),
            PodAnnotations = StringList(table, "pod_annotations", sourceName, prefix),
            ContainerAnnotations = StringList(table, "container_annotations", sourceName, prefix),
            Options = table.TryGetValue("options", out var options)
                ? ToOptions(options as TomlTable ?? throw Error(sourceName, $"{prefix}.options must be a table"), $"{prefix}.options", sourceName)
                : null,
        };
    }

    private static RunhcsOptions ToOptions(TomlTable table, string prefix, string? sourceName) => new()
    {
        SandboxIsolation = OptionalLong(table, nameof(RunhcsOptions.SandboxIsolation), prefix, sourceName),
        SandboxPlatform = OptionalString(table, nameof(RunhcsOptions.SandboxPlatform), prefix, sourceName),
        ScaleCpuLimitsToSandbox = OptionalBool(table, nameof(RunhcsOptions.ScaleCpuLimitsToSandbox), prefix, sourceName),
        ScrubLogs = OptionalBool(table, nameof(RunhcsOptions.ScrubLogs), prefix, sourceName),
        VmProcessorCount = OptionalLong(table, nameof(RunhcsOptions.VmProcessorCount), prefix, sourceName),
        VmMemorySizeInMb = OptionalLong(table, nameof(RunhcsOptions.VmMemorySizeInMb), prefix, sourceName),
        DefaultContainerScratchSizeInGb = OptionalLong(table, nameof(RunhcsOptions.DefaultContainerScratchSizeInGb), prefix, sourceName),
        DefaultVmScratchSizeInGb = OptionalLong(table, nameof(RunhcsOptions.DefaultVmScratchSizeInGb), prefix, sourceName),
        BootFilesRootPath = OptionalString(table, nameof(RunhcsOptions.BootFilesRootPath), prefix, sourceName),
        NoInheritHostTimezone = OptionalBool(table, nameof(RunhcsOptions.NoInheritHostTimezone), prefix, sourceName),
        LogLevel = OptionalString(table, nameof(RunhcsOptions.LogLevel), prefix, sourceName),
        DefaultContainerAnnotations = StringMap(table, nameof(RunhcsOptions.DefaultContainerAnnotations), prefix, sourceName),
    };

    private static TomlTable? Table(TomlTable root, string? sourceName, params string[] path)
    {
        var current = root;
        foreach (var key in path)
        {
            if (!current.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next as TomlTable ?? throw Error(sourceName, $"{string.Join('.', path)}: '{key}' must be a table");
        }

        return current;
    }

    private static List<string> StringList(TomlTable table, string key, string? sourceName, string? prefix = null)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return [];
        }

        var name = prefix is null ? key : $"{prefix}.{key}";
        if (value is not TomlArray array)
        {
            throw Error(sourceName, $"{name} must be an array of strings");
        }

        return array.Select(item => item as string ?? throw Error(sourceName, $"{name} must contain only strings")).ToList();
    }

    private static Dictionary<string, string>? StringMap(TomlTable table, string key, string prefix, string? sourceName)
    {
        if (!table.TryGetValue(key, out var value))
        {
            return null;
        }

        var map = value as TomlTable ?? throw Error(sourceName, $"{prefix}.{key} must be a table of strings");
        return map.ToDictionary(
            pair => pair.Key,
            pair => pair.Value as string ?? throw Error(sourceName, $"{prefix}.{key}.{pair.Key} must be a string"),
            StringComparer.Ordinal);
    }

    private static string? OptionalString(TomlTable table, string key, string prefix, string? sourceName) =>
        table.TryGetValue(key, out var value)
            ? value as string ?? throw Error(sourceName, $"{prefix}.{key} must be a string")
            : null;

    private static long? OptionalLong(TomlTable table, string key, string prefix, string? sourceName) =>
        table.TryGetValue(key, out var value)
            ? value as long? ?? throw Error(sourceName, $"{prefix}.{key} must be an integer")
            : null;

    private static bool? OptionalBool(TomlTable table, string key, string prefix, string? sourceName) =>
        table.TryGetValue(key, out var value)
            ? value as bool? ?? throw Error(sourceName, $"{prefix}.{key} must be true or false")
            : null;

    private static ContainerdConfigException Error(string? sourceName, string message) =>
        new($"{sourceName ?? "containerd config"}: {message}.");
}
