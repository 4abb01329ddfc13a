using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// How containerd folds an imported file into the configuration read so far, which differs by the root file's
/// version (checked against <c>services/server/config/config.go</c> of containerd release/1.7 and 2.x):
/// <list type="bullet">
/// <item>Version 1 and 2 (containerd 1.x): each <c>plugins.&lt;id&gt;</c> table of the imported file REPLACES the
/// whole table of that plugin (<c>to.Plugins[k] = v</c>). A drop-in holding only
/// <c>[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.x]</c> therefore wipes the node's sandbox image,
/// CNI directories, registry settings and every other handler. Top-level arrays are appended, other values and
/// tables are overridden key by key.</item>
/// <item>Version 3 (containerd 2.x): tables deep-merge key by key, a value (array included) replaces the one read
/// before. A drop-in of a higher version than the root is an error; a lower one is migrated first (here: only
/// the CRI runtime handlers move to <c>io.containerd.cri.v1.runtime</c>, the part this product reads).</item>
/// </list>
/// Pure: tables in, the merged table updated in place.
/// </summary>
internal static class ContainerdImportMerge
{
    /// <summary>Folds <paramref name="imported"/> into <paramref name="merged"/>, the configuration read so far.</summary>
    /// <param name="rootVersion">The version of the file containerd was started with.</param>
    /// <param name="merged">The configuration read so far; updated.</param>
    /// <param name="imported">The imported file.</param>
    /// <param name="sourceName">The imported file's name, for errors.</param>
    /// <exception cref="ContainerdConfigException">containerd would refuse the file (version 3: a drop-in of a higher version).</exception>
    public static void Apply(int rootVersion, TomlTable merged, ParsedContainerdDocument imported, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(imported);
        if (rootVersion < ContainerdConfigVersions.Containerd2)
        {
            ReplacePluginTables(merged, imported.Root);
            return;
        }

        if (imported.Version > rootVersion)
        {
            throw new ContainerdConfigException(
                $"{sourceName}: drop-in config version {imported.Version} higher than root config version {rootVersion}; containerd refuses to start.");
        }

        DeepMerge(merged, MigrateRuntimes(imported));
    }

    // containerd 1.x: mergo overrides plain values key by key, then the plugin map is copied over entry by entry.
    private static void ReplacePluginTables(TomlTable merged, TomlTable imported)
    {
        foreach (var (key, value) in imported)
        {
            if (key == "plugins" && value is TomlTable plugins)
            {
                var target = merged.TryGetValue("plugins", out var existing) && existing is TomlTable table ? table : new TomlTable();
                merged["plugins"] = target;
                foreach (var (pluginId, pluginTable) in plugins)
                {
                    target[pluginId] = pluginTable;
                }

                continue;
            }

            if (value is TomlArray array && merged.TryGetValue(key, out var before) && before is TomlArray earlier)
            {
                merged[key] = Append(earlier, array);
                continue;
            }

            if (value is TomlTable section && merged.TryGetValue(key, out var current) && current is TomlTable currentSection)
            {
                DeepMerge(currentSection, section);
                continue;
            }

            merged[key] = value;
        }
    }

    private static void DeepMerge(TomlTable target, TomlTable source)
    {
        foreach (var (key, value) in source)
        {
            if (value is TomlTable sourceTable && target.TryGetValue(key, out var existing) && existing is TomlTable targetTable)
            {
                DeepMerge(targetTable, sourceTable);
                continue;
            }

            target[key] = value;
        }
    }

    private static TomlArray Append(TomlArray earlier, TomlArray later)
    {
        var result = new TomlArray();
        foreach (var item in earlier.Concat(later).Distinct())
        {
            result.Add(item);
        }

        return result;
    }

    // containerd 2.x migrates an older drop-in to the root's version before merging it: version 1's plugin ids become
    // URIs ("cri" -> "io.containerd.grpc.v1.cri"), and version 2's CRI runtime handlers move to the runtime plugin.
    private static TomlTable MigrateRuntimes(ParsedContainerdDocument imported)
    {
        if (imported.Version >= ContainerdConfigVersions.Containerd2
            || !imported.Root.TryGetValue("plugins", out var value)
            || value is not TomlTable plugins)
        {
            return imported.Root;
        }

        var fromId = ContainerdConfigVersions.CriRuntimePluginId(
            imported.Version == ContainerdConfigVersions.Legacy ? ContainerdConfigVersions.Legacy : ContainerdConfigVersions.Containerd17);
        if (!plugins.TryGetValue(fromId, out var cri) || cri is not TomlTable criTable
            || !criTable.TryGetValue("containerd", out var containerd) || containerd is not TomlTable containerdTable
            || !containerdTable.TryGetValue("runtimes", out var runtimes) || runtimes is not TomlTable)
        {
            return imported.Root;
        }

        containerdTable.Remove("runtimes");
        var toId = ContainerdConfigVersions.CriRuntimePluginId(ContainerdConfigVersions.Containerd2);
        var runtimePlugin = plugins.TryGetValue(toId, out var existing) && existing is TomlTable table ? table : new TomlTable();
        plugins[toId] = runtimePlugin;
        var runtimeContainerd = runtimePlugin.TryGetValue("containerd", out var c) && c is TomlTable ct ? ct : new TomlTable();
        runtimePlugin["containerd"] = runtimeContainerd;
        runtimeContainerd["runtimes"] = runtimes;
        return imported.Root;
    }
}
