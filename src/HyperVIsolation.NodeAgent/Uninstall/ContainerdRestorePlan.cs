using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>How uninstall gives containerd's main file back.</summary>
public enum ConfigRestoreKind
{
    /// <summary>The file does not import the agent's drop-in: left as it is.</summary>
    Untouched,

    /// <summary>The file is what the agent wrote: its bytes from before the agent's first write are put back.</summary>
    Exact,

    /// <summary>Someone edited the file since the agent wrote it (or no record was kept): only the agent's import entry is removed, keeping their edits.</summary>
    ImportRemoved,
}

/// <summary>
/// The main file uninstall should leave: the original bytes when the file is still what the agent wrote, else the
/// current file without the agent's import entry. Never a file that still imports the drop-in (containerd refuses to
/// start when an imported file is missing, and the drop-in is deleted next). Pure: bytes in, bytes out.
/// </summary>
/// <param name="Kind">How the file is given back.</param>
/// <param name="ConfigBytes">The bytes to write, or <see langword="null"/> when the file stays as it is.</param>
public sealed record ContainerdRestorePlan(ConfigRestoreKind Kind, byte[]? ConfigBytes)
{
    /// <summary>Plans the main file's restore.</summary>
    /// <param name="current">The main file's bytes now.</param>
    /// <param name="record">The agent's install record, if one was kept.</param>
    /// <exception cref="ContainerdConfigException">The file is not valid TOML.</exception>
    public static ContainerdRestorePlan For(byte[] current, ContainerdInstallRecord? record)
    {
        ArgumentNullException.ThrowIfNull(current);
        var text = ConfigText.Decode(current);
        if (!ImportsDropIn(text))
        {
            return new ContainerdRestorePlan(ConfigRestoreKind.Untouched, null);
        }

        if (record is not null && record.Wrote(current) && !ImportsDropIn(ConfigText.Decode(record.OriginalConfig)))
        {
            return new ContainerdRestorePlan(ConfigRestoreKind.Exact, record.OriginalConfig);
        }

        var removed = ContainerdImportsEditor.RemoveImport(text, HyperVHandlerDropIn.FileName);
        return new ContainerdRestorePlan(ConfigRestoreKind.ImportRemoved, ConfigText.Encode(removed, ConfigText.HasByteOrderMark(current)));
    }

    private static bool ImportsDropIn(string text)
    {
        try
        {
            return ContainerdConfigParser.ReadDocument(text, "config.toml").Imports.Contains(HyperVHandlerDropIn.FileName, StringComparer.Ordinal);
        }
        catch (ContainerdConfigException) when (!text.Contains(HyperVHandlerDropIn.FileName, StringComparison.Ordinal))
        {
            // Not TOML, and not ours to repair: a file that never names the drop-in stays as it is.
            return false;
        }
    }
}
