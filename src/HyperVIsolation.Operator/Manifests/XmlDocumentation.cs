using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// The <c>&lt;summary&gt;</c> texts of one assembly, read from the XML documentation file the
/// compiler writes next to it (<c>GenerateDocumentationFile</c>), flattened to one line.
/// </summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries;

    private XmlDocumentation(Dictionary<string, string> summaries) => _summaries = summaries;

    public static XmlDocumentation Load(Assembly assembly) =>
        LoadFile(Path.ChangeExtension(assembly.Location, ".xml"), assembly.GetName().Name ?? assembly.FullName!);

    public static XmlDocumentation LoadFile(string path, string assemblyName)
    {
        if (!File.Exists(path))
        {
            throw new ManifestGenerationException(
                $"The XML documentation of {assemblyName} was not found at '{path}'. " +
                "Descriptions in the CRDs come from it: build with GenerateDocumentationFile=true " +
                "and keep the .xml file next to the assembly.");
        }

        return Parse(XDocument.Load(path));
    }

    public static XmlDocumentation Parse(XDocument document)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in document.Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is null || summary is null)
            {
                continue;
            }

            summaries[name] = Flatten(summary);
        }

        return new XmlDocumentation(summaries);
    }

    public string? ForType(Type type) => Find("T:" + DocumentationName(type));

    public string? ForProperty(PropertyInfo property) =>
        Find("P:" + DocumentationName(property.DeclaringType!) + "." + property.Name);

    private string? Find(string memberId) => _summaries.TryGetValue(memberId, out var text) ? text : null;

    // Nested types are written Outer.Inner in documentation ids, Outer+Inner in reflection.
    private static string DocumentationName(Type type) => type.FullName!.Replace('+', '.');

    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "see" or "seealso" } reference => ReferenceText(reference),
                XElement { Name.LocalName: "paramref" or "typeparamref" } parameter => parameter.Attribute("name")?.Value,
                XElement element => element.Value,
                _ => string.Empty,
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    // <see cref="T:Ns.Type.Member"/> reads as "Member"; <see langword="null"/> as "null".
    private static string ReferenceText(XElement reference)
    {
        if (!string.IsNullOrEmpty(reference.Value))
        {
            return reference.Value;
        }

        var target = reference.Attribute("cref")?.Value ?? reference.Attribute("langword")?.Value ?? string.Empty;
        return target[(target.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
