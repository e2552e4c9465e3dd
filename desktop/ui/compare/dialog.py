"""The compare dialog: a table, parallel coordinates, scatter, curves, importance,
artifacts.

Non-modal; several can be open at once. It paints at once with a loading state
while the runs are read on a worker thread, then fills its sections. The plot
sections are created the first time their tab is shown (or their attribute is
read), and draw only while visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.run_set import RunSet
from desktop.services.analysis_process import AnalysisProcess
from desktop.services.catalog import Catalog
from desktop.ui.compare.artifacts import CompareArtifactsSection
from desktop.ui.compare.curves import MetricCurvesSection
from desktop.ui.compare.importance import ParamImportanceSection
from desktop.ui.compare.parallel import ParallelCoordinatesSection
from desktop.ui.compare.scatter import ScatterSection
from desktop.ui.compare.sections import SECTIONS, section_spec
from desktop.ui.compare.tab_keys import TabKeys
from desktop.ui.compare.table import CompareTableSection
from desktop.ui.i18n import describe, translated
from desktop.ui.settings import Settings
from desktop.ui.workers import LatestOnly


class CompareDialog(QDialog):
    """Compare two or more runs, from any experiments and sources."""

    select_runs_requested = Signal(list)
    """Run row ids to select in the runs table (a brushed selection)."""

    def __init__(
        self,
        catalog: Catalog,
        run_pks: list[int],
        settings: Settings | None = None,
        parent: QWidget | None = None,
        sort_metric: str | None = None,
        *,
        analysis: AnalysisProcess,
        groups: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.analysis = analysis  # the app's, for parameter importance
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)
        self.catalog = catalog
        self.run_pks = list(run_pks)
        self.sort_metric = sort_metric
        #: Groups of the runs (grouped rows of the runs table), by name: the
        #: metric curves draw their means.
        self.groups = dict(groups) if groups else None
        self.settings = settings or Settings()
        self.runs = RunSet([], {}, {})
        self.setWindowTitle(self._title(len(self.run_pks), None))
        self.resize(1320, 860)

        self.loading_label = QLabel(
            self.tr("Loading {0} runs…", "", len(self.run_pks)).format(
                len(self.run_pks)
            ),
            self,
        )
        self.loading_label.setObjectName("compareLoading")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(280)
        loading = QWidget(self)
        loading_layout = QVBoxLayout(loading)
        loading_layout.addStretch(1)
        loading_layout.addWidget(self.loading_label)
        loading_layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        loading_layout.addStretch(2)

        self._sections: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("compareSections")
        self.tabs.setDocumentMode(True)
        for spec in SECTIONS:
            if spec.lazy:
                page = QWidget(self)
                page_layout = QVBoxLayout(page)
                page_layout.setContentsMargins(0, 0, 0, 0)
            else:  # built now: the section is the page
                page = self._sections[spec.name] = spec.build(self, self)
            self._pages[spec.name] = page
            self.tabs.addTab(page, translated(spec.title))
        table = self._sections["table"]
        assert isinstance(table, CompareTableSection)
        self.table = table
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(loading)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._tab_keys = TabKeys(self.tabs)  # Ctrl+Tab, Ctrl+PgDn, Ctrl+1…6

        self._loader = LatestOnly(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        pks = self.run_pks
        self._loader.submit(lambda: catalog.run_set(pks))

    # -- sections (built when first shown or asked for) -------------------------------
    @property
    def parallel(self) -> ParallelCoordinatesSection:
        """The parallel-coordinates section (objectName ``parallelCoordinates``)."""
        return self._section("parallel")  # type: ignore[return-value]

    @property
    def scatter(self) -> ScatterSection:
        """The scatter section (objectName ``scatterPlot``)."""
        return self._section("scatter")  # type: ignore[return-value]

    @property
    def curves(self) -> MetricCurvesSection:
        """The metric-curves section (objectName ``metricCurves``)."""
        return self._section("curves")  # type: ignore[return-value]

    @property
    def importance(self) -> ParamImportanceSection:
        """The parameter-importance section (objectName ``paramImportance``)."""
        return self._section("importance")  # type: ignore[return-value]

    @property
    def artifacts(self) -> CompareArtifactsSection:
        """The artifacts section (objectName ``compareArtifacts``)."""
        return self._section("artifacts")  # type: ignore[return-value]

    def _section(self, name: str) -> QWidget:
        """The section ``name``, built now if needed; raises ``UnknownSection``."""
        spec = section_spec(name)
        section = self._sections.get(name)
        if section is not None:
            return section
        page = self._pages[name]
        section = spec.build(self, page)
        page.layout().addWidget(section)
        section.show()  # a child added to a shown page is not shown by itself
        self._sections[name] = section
        if len(self.runs):
            section.set_runs(self.runs)  # type: ignore[attr-defined]
        return section

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        for name, holder in self._pages.items():
            if holder is page:
                self._section(name)

    def is_loading(self) -> bool:
        """Whether the runs are still being read."""
        return self._loader.is_busy()

    def show_section(self, name: str) -> QWidget:
        """Bring a section's tab to the front (table, parallel, scatter, curves,
        importance, artifacts) and return the section; raises ``UnknownSection``."""
        section = self._section(name)
        self.tabs.setCurrentWidget(self._pages[name])
        return section

    def _title(self, runs: int, experiments: int | None) -> str:
        if self.groups:
            return self.tr("Comparing {0} runs by group", "", runs).format(runs)
        if experiments is None:
            return self.tr("Comparing {0} runs", "", runs).format(runs)
        if experiments == 1:
            return self.tr("Comparing {0} runs from 1 experiment", "", runs).format(
                runs
            )
        return self.tr("Comparing {0} runs from {1} experiments", "", runs).format(
            runs, experiments
        )

    def _on_loaded(self, runs: RunSet) -> None:
        runs.sort_metric = self.sort_metric
        self.runs = runs
        self.setWindowTitle(self._title(len(runs), len(runs.experiment_pks)))
        if len(runs) == 0:
            self.loading_label.setText(
                self.tr("These runs are no longer in the store.")
            )
            self.busy.hide()
            return
        self.stack.setCurrentWidget(self.tabs)
        for section in self._sections.values():
            section.set_runs(runs)  # type: ignore[attr-defined]

    def _on_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.loading_label.setText(
            self.tr("Could not load the runs: {0}").format(message)
        )
        self.busy.hide()
