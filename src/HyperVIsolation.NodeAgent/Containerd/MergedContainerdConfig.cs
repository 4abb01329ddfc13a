using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>A containerd configuration with its imports folded in, as containerd reads it at start-up.</summary>
/// <param name="Version">The main file's version, which decides where plugins keep their settings.</param>
/// <param name="Imports">The main file's own <c>imports</c>, as written.</param>
/// <param name="Root">The merged tables.</param>
/// <param name="Files">Every file read, main file first, in the order containerd applies them.</param>
public sealed record MergedContainerdConfig(int Version, IReadOnlyList<string> Imports, TomlTable Root, IReadOnlyList<string> Files)
{
    /// <summary>The product's view: the runtime handlers.</summary>
    /// <param name="sourceName">The main file's name, for errors.</param>
    /// <exception cref="ContainerdConfigException">A handler table has a value of the wrong type.</exception>
    public ContainerdConfig ToConfig(string? sourceName = null) => ContainerdConfigParser.ToConfig(Version, Imports, Root, sourceName);

    /// <summary>The merged <c>plugins.&lt;id&gt;</c> table, or <see langword="null"/> when no file sets that plugin.</summary>
    /// <exception cref="ContainerdConfigException"><c>plugins</c> or the plugin is not a table.</exception>
    public TomlTable? PluginTable(string pluginId) => ContainerdConfigParser.PluginTable(Root, pluginId, Files[0]);
}
