using System.Runtime.CompilerServices;

// The webhook benchmark times AdmissionReviewHandler.Handle in process (bench/HyperVIsolation.Bench/Webhook),
// which needs the internal handler; nothing else in the bench uses the operator's internals.
[assembly: InternalsVisibleTo("HyperVIsolation.Bench")]
