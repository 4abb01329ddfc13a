using System.ComponentModel;
using System.Globalization;
using HyperVIsolation.Api.Text;

namespace HyperVIsolation.Operator.Hosting.Configuration;

/// <summary>
/// Lets the configuration binder read <see cref="TimeSpan"/> settings as Kubernetes users write them (<c>15s</c>,
/// <c>1m30s</c>, as the chart's values do) besides .NET's <c>hh:mm:ss</c>: the binder converts through
/// <see cref="TypeDescriptor"/>, so registering this converter for <see cref="TimeSpan"/> is the one seam it offers.
/// </summary>
internal sealed class GoDurationConverter : TimeSpanConverter
{
    private static int _registered;

    /// <summary>Makes this the converter of <see cref="TimeSpan"/> for the process; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(GoDurationConverter)));
        }
    }

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? GoDuration.TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration such as 15s, 1m30s or 00:00:15.")
            : base.ConvertFrom(context, culture, value);
}
