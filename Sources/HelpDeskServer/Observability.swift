import Metrics
import Prometheus

/// The process-wide metrics registry. swift-metrics has one global backend, so
/// it is bootstrapped exactly once, on first use, before any metric is made.
enum Observability {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Forces the bootstrap; call before creating any counter or timer.
    static func bootstrap() { _ = registry }
}
