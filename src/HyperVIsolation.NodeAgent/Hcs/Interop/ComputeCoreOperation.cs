using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HyperVIsolation.NodeAgent.Hcs.Interop;

/// <summary>
/// Runs one asynchronous HCS call: create an operation, start the call with it, wait for the result document off the
/// caller's thread with a finite timeout, free the document with LocalFree. <c>HcsCancelOperation</c> is not
/// implemented, so cancellation only stops the caller waiting; the native wait ends by itself at the timeout
/// (HCS_E_OPERATION_TIMEOUT), and the operation handle, a SafeHandle, is released only once that wait returned.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class ComputeCoreOperation
{
    private const uint OutOfMemory = 0x8007000E;

    public static async Task<string> RunAsync(string function, Func<SafeHcsOperationHandle, int> start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var timeoutMs = HcsOperationTimeout.ToMilliseconds(timeout);
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

        var (result, document) = await Task.Run(() => Wait(operation, timeoutMs), CancellationToken.None).WaitAsync(cancellationToken);
        if (result < 0)
        {
            throw HcsErrorCodes.Matches(unchecked((uint)result), HcsErrorCodes.OperationTimeout)
                ? HcsOperationTimeout.Expired(function, timeout)
                : new HcsException(function, unchecked((uint)result), document);
        }

        return document ?? string.Empty;
    }

    private static (int Result, string? Document) Wait(SafeHcsOperationHandle operation, uint timeoutMs)
    {
        var result = NativeMethods.HcsWaitForOperationResult(operation, timeoutMs, out var document);
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
