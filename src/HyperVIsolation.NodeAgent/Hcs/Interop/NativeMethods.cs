using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HyperVIsolation.NodeAgent.Hcs.Interop;

/// <summary>
/// <c>computecore.dll</c> (Windows Server 2019 and later) and the one <c>kernel32.dll</c> call needed
/// to free the strings it returns. Signatures follow <c>computecore.h</c>: handles are opaque
/// pointers, strings are UTF-16, failures are HRESULTs (negative ints).
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class NativeMethods
{
    /// <summary>GENERIC_ALL, the access <c>HcsOpenComputeSystem</c> is asked for.</summary>
    internal const uint GenericAll = 0x10000000;

    private const string ComputeCore = "computecore.dll";
    private const string Kernel32 = "kernel32.dll";

    [LibraryImport(ComputeCore)]
    internal static partial SafeHcsOperationHandle HcsCreateOperation(IntPtr context, IntPtr callback);

    [LibraryImport(ComputeCore)]
    internal static partial void HcsCloseOperation(IntPtr operation);

    [LibraryImport(ComputeCore, StringMarshalling = StringMarshalling.Utf16)]
    internal static partial int HcsEnumerateComputeSystems(string? query, SafeHcsOperationHandle operation);

    [LibraryImport(ComputeCore, StringMarshalling = StringMarshalling.Utf16)]
    internal static partial int HcsOpenComputeSystem(string id, uint requestedAccess, out SafeHcsSystemHandle computeSystem);

    [LibraryImport(ComputeCore, StringMarshalling = StringMarshalling.Utf16)]
    internal static partial int HcsGetComputeSystemProperties(
        SafeHcsSystemHandle computeSystem, SafeHcsOperationHandle operation, string? propertyQuery);

    [LibraryImport(ComputeCore, StringMarshalling = StringMarshalling.Utf16)]
    internal static partial int HcsModifyComputeSystem(
        SafeHcsSystemHandle computeSystem, SafeHcsOperationHandle operation, string configuration, IntPtr identity);

    [LibraryImport(ComputeCore)]
    internal static partial int HcsWaitForOperationResult(SafeHcsOperationHandle operation, uint timeoutMs, out IntPtr resultDocument);

    [LibraryImport(ComputeCore)]
    internal static partial void HcsCloseComputeSystem(IntPtr computeSystem);

    [LibraryImport(Kernel32)]
    internal static partial IntPtr LocalFree(IntPtr memory);
}
