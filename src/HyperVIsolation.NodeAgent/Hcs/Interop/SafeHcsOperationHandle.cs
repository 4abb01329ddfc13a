using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HyperVIsolation.NodeAgent.Hcs.Interop;

/// <summary>An <c>HCS_OPERATION</c>, closed with <c>HcsCloseOperation</c>.</summary>
[SupportedOSPlatform("windows")]
internal sealed class SafeHcsOperationHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public SafeHcsOperationHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.HcsCloseOperation(handle);
        return true;
    }
}
