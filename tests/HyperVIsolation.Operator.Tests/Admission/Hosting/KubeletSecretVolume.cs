using System.Globalization;
using System.Runtime.InteropServices;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>
/// A Secret volume laid out the way the kubelet's atomic writer does it: the files live in a timestamped
/// <c>..2025_01_01_00_00_00.123</c> directory, <c>..data</c> is a symlink to it, and each key is a symlink
/// <c>tls.crt -&gt; ..data/tls.crt</c>. An update writes a new timestamped directory, renames a fresh
/// <c>..data_tmp</c> link over <c>..data</c> (one atomic rename) and deletes the old directory.
/// </summary>
internal sealed class KubeletSecretVolume : IDisposable
{
    private int generation;

    public KubeletSecretVolume() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "secret-volume-" + Guid.NewGuid().ToString("N"));

    public void Write(IReadOnlyDictionary<string, string> files)
    {
        var data = System.IO.Path.Combine(Path, "..data");
        var previous = File.Exists(data) || Directory.Exists(data) ? new DirectoryInfo(data).ResolveLinkTarget(returnFinalTarget: false)?.FullName : null;
        var name = string.Create(CultureInfo.InvariantCulture, $"..2025_01_01_00_00_{generation++:D2}.{Environment.ProcessId}");
        var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, name));
        foreach (var (key, content) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(target.FullName, key), content);
        }

        var temporary = System.IO.Path.Combine(Path, "..data_tmp");
        File.CreateSymbolicLink(temporary, name);
        if (Rename(temporary, data) != 0)
        {
            throw new IOException($"rename {temporary} -> {data} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var key in files.Keys)
        {
            var link = System.IO.Path.Combine(Path, key);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, System.IO.Path.Combine("..data", key));
            }
        }

        if (previous is not null)
        {
            Directory.Delete(System.IO.Path.Combine(Path, previous), recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>rename(2), as the kubelet's os.Rename: File.Move refuses a link to a directory and Directory.Move cannot overwrite.</summary>
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
