using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Readiness;

/// <summary>
/// The containerd files the node should have: our drop-in beside <c>config.toml</c> and the main file importing
/// it. Pure: the current texts in, the wanted texts out, so a node already configured gets no write and no restart.
/// </summary>
/// <param name="ConfigText">The main file as it should be.</param>
/// <param name="DropInText">The drop-in as it should be.</param>
/// <param name="ConfigChanged">Whether the main file must be written.</param>
/// <param name="DropInChanged">Whether the drop-in must be written.</param>
public sealed record ContainerdConfigurationPlan(string ConfigText, string DropInText, bool ConfigChanged, bool DropInChanged)
{
    /// <summary>Whether anything must be written (and containerd restarted to read it).</summary>
    public bool Changed => ConfigChanged || DropInChanged;

    /// <summary>Plans the files for a host.</summary>
    /// <param name="configVersion">The config version the host's containerd reads.</param>
    /// <param name="build">The host's build (its per-build handler).</param>
    /// <param name="currentConfig">The main file now.</param>
    /// <param name="currentDropIn">The drop-in now, or <see langword="null"/> when there is none.</param>
    /// <param name="nodeCriPlugin">
    /// The node's CRI plugin table as containerd reads it without our drop-in (main file and other imports); for config
    /// version 2 the drop-in carries it whole, since containerd 1.x replaces the table with the imported one. A change
    /// there (say, a new sandbox image) changes the drop-in, so the drop-in never hides the node's own settings.
    /// </param>
    /// <exception cref="ContainerdConfigException">The main file is not valid TOML.</exception>
    public static ContainerdConfigurationPlan For(int configVersion, WindowsBuild build, string currentConfig, string? currentDropIn, TomlTable? nodeCriPlugin = null)
    {
        ArgumentNullException.ThrowIfNull(currentConfig);
        var dropIn = HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = configVersion, Builds = [build], CriPluginTable = nodeCriPlugin });
        var config = ContainerdImportsEditor.AddImport(currentConfig, HyperVHandlerDropIn.FileName);
        return new ContainerdConfigurationPlan(
            config, dropIn, !string.Equals(config, currentConfig, StringComparison.Ordinal), !string.Equals(dropIn, currentDropIn, StringComparison.Ordinal));
    }
}
