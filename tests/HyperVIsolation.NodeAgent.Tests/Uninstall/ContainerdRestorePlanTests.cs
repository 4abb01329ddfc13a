using System.Text;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Readiness;
using HyperVIsolation.NodeAgent.Tests.Containerd;
using HyperVIsolation.NodeAgent.Uninstall;

namespace HyperVIsolation.NodeAgent.Tests.Uninstall;

/// <summary>Install then uninstall gives containerd's main file back byte for byte, whatever its formatting.</summary>
public sealed class ContainerdRestorePlanTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly string directory = Directory.CreateTempSubdirectory("restore-plan-").FullName;

    private string ConfigPath => Path.Combine(directory, "config.toml");

    public static TheoryData<string, byte[]> Originals() => new()
    {
        { "sample, LF", Utf8(ContainerdConfigSamples.Version3) },
        { "sample, CRLF", Utf8(ContainerdConfigSamples.Version3.ReplaceLineEndings("\r\n")) },
        { "sample, CRLF with a byte order mark", [.. Bom, .. Utf8(ContainerdConfigSamples.Version2.ReplaceLineEndings("\r\n"))] },
        { "their imports: double quotes, one per line, comments, trailing comma", Utf8("version = 2\r\nimports = [\r\n  \"a.toml\",   # theirs\r\n  \"b.toml\",\r\n]\r\n\r\n[plugins]\r\n") },
        { "no version line, tabs, trailing blanks, no final newline", Utf8("# hand written   \n\troot = 'C:\\data'  \t\n[grpc]\n\taddress = '\\\\.\\pipe\\containerd-containerd'") },
        { "comments around a version line, unicode", Utf8("# Konfiguration für den Knoten – bitte nicht ändern\nversion=3 # v3\n\n# ende\n") },
    };

    [Theory]
    [MemberData(nameof(Originals))]
    public async Task InstallThenRestore_AnyFormatting_GivesTheOriginalBytesBack(string because, byte[] original)
    {
        await File.WriteAllBytesAsync(ConfigPath, original);

        await InstallAsync();
        var installed = await File.ReadAllBytesAsync(ConfigPath);
        ContainerdConfigParser.Parse(ConfigText.Decode(installed)).Imports.Should().Contain(HyperVHandlerDropIn.FileName, because);

        var plan = ContainerdRestorePlan.For(installed, await ContainerdInstallRecord.ReadAsync(ConfigPath, CancellationToken.None));

        plan.Kind.Should().Be(ConfigRestoreKind.Exact, because);
        plan.ConfigBytes.Should().Equal(original, because);
    }

    [Fact]
    public async Task InstallTwice_SecondWriteOverOurOwn_KeepsTheFirstOriginal()
    {
        var original = Utf8("version = 3\r\n# mine\r\n");
        await File.WriteAllBytesAsync(ConfigPath, original);
        await InstallAsync();

        // The agent writes the main file again (for example a newer agent rendering it differently).
        await ContainerdInstallRecord.WriteConfigAsync(ConfigPath, ConfigText.Decode(await File.ReadAllBytesAsync(ConfigPath)) + "\r\n", CancellationToken.None);

        var plan = ContainerdRestorePlan.For(await File.ReadAllBytesAsync(ConfigPath), await ContainerdInstallRecord.ReadAsync(ConfigPath, CancellationToken.None));
        plan.ConfigBytes.Should().Equal(original);
    }

    [Fact]
    public async Task Restore_FileEditedAfterInstall_RemovesOnlyOurImportAndKeepsTheEdit()
    {
        await File.WriteAllBytesAsync(ConfigPath, Utf8(ContainerdConfigSamples.Version3));
        await InstallAsync();
        var edited = ConfigText.Decode(await File.ReadAllBytesAsync(ConfigPath)) + "\n# added by the admin later\n";

        var plan = ContainerdRestorePlan.For(Utf8(edited), await ContainerdInstallRecord.ReadAsync(ConfigPath, CancellationToken.None));

        plan.Kind.Should().Be(ConfigRestoreKind.ImportRemoved);
        var text = Encoding.UTF8.GetString(plan.ConfigBytes!);
        text.Should().Contain("# added by the admin later");
        ContainerdConfigParser.Parse(text).Imports.Should().NotContain(HyperVHandlerDropIn.FileName);
    }

    [Fact]
    public void Restore_NoRecord_RemovesOnlyOurImportKeepingTheByteOrderMark()
    {
        var installed = ContainerdImportsEditor.AddImport("version = 3\r\n", HyperVHandlerDropIn.FileName);

        var plan = ContainerdRestorePlan.For([.. Bom, .. Utf8(installed)], record: null);

        plan.Kind.Should().Be(ConfigRestoreKind.ImportRemoved);
        plan.ConfigBytes.Should().Equal([.. Bom, .. Utf8("version = 3\r\n")]);
    }

    [Fact]
    public void Restore_FileWithoutOurImport_LeavesItAlone()
    {
        var plan = ContainerdRestorePlan.For(Utf8(ContainerdConfigSamples.Version3), record: null);

        plan.Kind.Should().Be(ConfigRestoreKind.Untouched);
        plan.ConfigBytes.Should().BeNull();
    }

    [Fact]
    public async Task Restore_RecordWhoseOriginalImportsTheDropIn_NeverRestoresAnImportOfAMissingFile()
    {
        // An original that already named our drop-in (someone copied a configured file): restoring it would leave
        // containerd importing a file that uninstall deletes, and containerd would not start.
        var installed = ContainerdImportsEditor.AddImport("version = 3\n", HyperVHandlerDropIn.FileName);
        await File.WriteAllBytesAsync(ConfigPath, Utf8(installed));
        await ContainerdInstallRecord.WriteConfigAsync(ConfigPath, installed, CancellationToken.None);

        var plan = ContainerdRestorePlan.For(await File.ReadAllBytesAsync(ConfigPath), await ContainerdInstallRecord.ReadAsync(ConfigPath, CancellationToken.None));

        plan.Kind.Should().Be(ConfigRestoreKind.ImportRemoved);
        Encoding.UTF8.GetString(plan.ConfigBytes!).Should().Be("version = 3\n");
    }

    [Fact]
    public async Task ReadAsync_DamagedRecord_IsNoRecord()
    {
        await File.WriteAllTextAsync(ContainerdInstallRecord.PathFor(ConfigPath), "{not json");

        (await ContainerdInstallRecord.ReadAsync(ConfigPath, CancellationToken.None)).Should().BeNull();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // What the readiness reconciler does on a fresh node: plan from the text, write through the install record.
    private async Task InstallAsync()
    {
        var plan = ContainerdConfigurationPlan.For(3, WindowsBuild.Ltsc2022, await File.ReadAllTextAsync(ConfigPath), null);
        await ContainerdInstallRecord.WriteConfigAsync(ConfigPath, plan.ConfigText, CancellationToken.None);
    }
}
