using System.Xml.Linq;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Tests.Manifests;

public sealed class XmlDocumentationTests
{
    [Fact]
    public void ForType_SummaryWithCodeAndReferences_FlattenedToOneLine()
    {
        var documentation = XmlDocumentation.Parse(XDocument.Parse("""
            <doc><members>
              <member name="T:HyperVIsolation.Api.V1Alpha1.IsolatedWorkload">
                <summary>
                Runs <c>pods</c> like a <see cref="T:k8s.Models.V1Deployment"/>,
                never <see langword="null"/>.
                </summary>
              </member>
            </members></doc>
            """));

        documentation.ForType(typeof(IsolatedWorkload)).Should().Be("Runs pods like a V1Deployment, never null.");
    }

    [Fact]
    public void ForProperty_Undocumented_Null()
    {
        var documentation = XmlDocumentation.Parse(XDocument.Parse("<doc><members/></doc>"));

        documentation.ForProperty(typeof(IsolatedWorkload).GetProperty(nameof(IsolatedWorkload.Spec))!).Should().BeNull();
    }

    [Fact]
    public void Load_ApiAssembly_ReadsItsXmlFile()
    {
        var documentation = XmlDocumentation.Load(typeof(IsolatedWorkload).Assembly);

        documentation.ForProperty(typeof(IsolatedWorkloadSpec).GetProperty(nameof(IsolatedWorkloadSpec.Replicas))!)
            .Should().Be("Number of pods to run.");
    }

    [Fact]
    public void LoadFile_Missing_ThrowsSayingHowToFix()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Some.Api.xml");

        var load = () => XmlDocumentation.LoadFile(missing, "Some.Api");

        load.Should().Throw<ManifestGenerationException>().WithMessage($"*Some.Api*{missing}*GenerateDocumentationFile*");
    }
}
