namespace HyperVIsolation.NodeAgent.Tests.Containerd;

/// <summary>Realistic config.toml text as containerd 2.x and 1.7 on Windows ship it (trimmed to the CRI parts).</summary>
internal static class ContainerdConfigSamples
{
    public const string Version3 = """
        version = 3
        root = 'C:\ProgramData\containerd\root'
        state = 'C:\ProgramData\containerd\state'

        [grpc]
          address = '\\.\pipe\containerd-containerd'

        [plugins]
          [plugins.'io.containerd.cri.v1.images']
            snapshotter = 'windows'

          [plugins.'io.containerd.cri.v1.runtime']
            [plugins.'io.containerd.cri.v1.runtime'.containerd]
              default_runtime_name = 'runhcs-wcow-process'

              [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes]
                [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-process]
                  runtime_type = 'io.containerd.runhcs.v1'
                  pod_annotations = []
                  container_annotations = ['io.microsoft.container.*']

                  [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-process.options]
                    SandboxIsolation = 0
                    ScaleCpuLimitsToSandbox = true

                [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-hypervisor]
                  runtime_type = 'io.containerd.runhcs.v1'
                  pod_annotations = ['io.microsoft.virtualmachine.*']
                  container_annotations = ['io.microsoft.container.*']

                  [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-hypervisor.options]
                    SandboxIsolation = 1
                    ScaleCpuLimitsToSandbox = true
                    ScrubLogs = true
                    VmMemorySizeInMb = 2048
                    DefaultContainerAnnotations = { 'io.microsoft.container.processor.weight' = '100' }
        """;

    public const string Version2 = """
        version = 2
        root = "C:\\ProgramData\\containerd\\root"

        [plugins]
          [plugins."io.containerd.grpc.v1.cri"]
            sandbox_image = "mcr.microsoft.com/oss/kubernetes/pause:3.9"

            [plugins."io.containerd.grpc.v1.cri".containerd]
              snapshotter = "windows"
              default_runtime_name = "runhcs-wcow-process"

              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-process]
                  runtime_type = "io.containerd.runhcs.v1"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-hypervisor]
                  runtime_type = "io.containerd.runhcs.v1"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-hypervisor.options]
                    SandboxIsolation = 1
                    VmProcessorCount = 4
        """;
}
