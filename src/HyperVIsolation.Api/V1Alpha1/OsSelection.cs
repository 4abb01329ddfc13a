using System.ComponentModel;
using HyperVIsolation.Api.Schema;
using HyperVIsolation.Api.Windows;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Which Windows base image family and release the workload runs on.</summary>
[CelRule("self.flavor != 'NanoServer' || !has(self.capabilities) || size(self.capabilities) == 0",
    "Nano Server cannot provide the listed capabilities; use flavor ServerCore or Auto.", FieldPath = ".flavor")]
[CelRule("self.flavor != 'Server' || self.version != 'ltsc2019'",
    "The full Server image does not exist for ltsc2019; use ltsc2022 or later, or ServerCore.", FieldPath = ".version")]
public sealed class OsSelection
{
    /// <summary>Base image family. Auto picks Nano Server unless a capability needs Server Core.</summary>
    [DefaultValue(OsFlavor.Auto)]
    public OsFlavor Flavor { get; set; } = OsFlavor.Auto;

    /// <summary>Windows release of the image. Auto picks the newest release that the Hyper-V-ready nodes can run.</summary>
    [DefaultValue(WindowsVersion.Auto)]
    public WindowsVersion Version { get; set; } = WindowsVersion.Auto;

    /// <summary>OS features the workload needs; any of them rules out Nano Server.</summary>
    public List<OsCapability>? Capabilities { get; set; }
}
