using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HyperVIsolation.NodeAgent.Hcs.Interop;

/// <summary>
/// Runs one asynchronous HCS call: create an operation, start the call with it, wait for the result
/// document off the caller's thread, free the document with LocalFree. Cancellation asks HCS to
/// cancel (<c>HcsCancelOperation</c>), so the blocked wait returns instead of leaking a thread.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class ComputeCoreOperation
{
    private const uint OutOfMemory = 0x8007000E;

    public static async Task<string> RunAsync(string function, Func<SafeHcsOperationHandle, int> start, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var operation = NativeMethods.HcsCreateOperation(IntPtr.Zero, IntPtr.Zero);
        if (operation.IsInvalid)
        {
            // HcsCreateOperation returns NULL only when it cannot allocate.
            throw new HcsException("HcsCreateOperation", OutOfMemory);
        }

        var started = start(operation);
        if (started < 0)
        {
            throw new HcsException(function, unchecked((uint)started));
        }

        using var registration = cancellationToken.Register(() => NativeMethods.HcsCancelOperation(operation));
        var (result, document) = await Task.Run(() => Wait(operation), CancellationToken.None);
        if (result < 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new HcsException(function, unchecked((uint)result), document);
        }

        return document ?? string.Empty;
    }

    private static (int Result, string? Document) Wait(SafeHcsOperationHandle operation)
    {
        var result = NativeMethods.HcsWaitForOperationResult(operation, NativeMethods.Infinite, out var document);
        try
        {
            return (result, document == IntPtr.Zero ? null : Marshal.PtrToStringUni(document));
        }
        finally
        {
            if (document != IntPtr.Zero)
            {
                NativeMethods.LocalFree(document);
            }
        }
    }
}
