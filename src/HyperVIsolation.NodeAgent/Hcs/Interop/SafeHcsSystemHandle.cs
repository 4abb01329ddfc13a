using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HyperVIsolation.NodeAgent.Hcs.Interop;

/// <summary>An <c>HCS_SYSTEM</c>, closed with <c>HcsCloseComputeSystem</c> (the system keeps running).</summary>
[SupportedOSPlatform("windows")]
internal sealed class SafeHcsSystemHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeHcsSystemHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.HcsCloseComputeSystem(handle);
        return true;
    }
}
