"""Sync: what will be sent, sending it, what headquarters answered — or files on a USB stick.

Why the answer per record: headquarters accepts, already has, or refuses each record (a conflict
means HQ holds different content under the same record); refused ones stay queued and are listed
here in words so the team can call HQ about exactly those. When there is no network, the same
records go to HQ as a sealed batch file; HQ's signed work package (and a roster CSV) come back the
same way.
"""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication
from PyQt5.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.errors import describe
from fieldkit.gui.session import Session
from fieldkit.gui.texts import answer_text, record_type_text
from fieldkit.gui.widgets.common import button, card, fit_rows, label, list_table, set_role, title
from fieldkit.services.overview import outbox_summary
from fieldkit.services.transfer import (
    HqSettings,
    RosterResult,
    SyncReport,
    SyncStatus,
    apply_package_file,
    export_batch,
    import_roster_file,
    plan_sync,
    read_hq,
    run_sync,
    sync_status,
    write_hq,
)
from fieldkit.sync.package import ApplySummary
from fieldkit.workflows.gallery import load_gallery

translate = QCoreApplication.translate


class SyncScreen(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.url, self.key = QLineEdit(), QLineEdit()
        self.url.setObjectName("hqUrl")
        self.key.setObjectName("hqKey")
        self.url.setPlaceholderText("http://hq.example:8600")
        self.key.setPlaceholderText(self.tr("hq_public.key from headquarters"))
        self.choose_key = button(self.tr("Choose…"), name="chooseHqKey")
        self.choose_key.clicked.connect(self._choose_key)
        self.save_hq = button(self.tr("Save"), name="saveHq")
        self.save_hq.clicked.connect(self._save_hq)
        self.state = label("", "subtitle", name="syncState")
        self.since = label("", "muted", name="syncSince")
        self.outbox = list_table([self.tr("What"), self.tr("How many")], name="outboxTable")
        self.send_button = button(self.tr("Send to headquarters now"), "primary", name="sendNow")
        self.send_button.clicked.connect(self.send)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.results = list_table([self.tr("Record"), self.tr("Headquarters' answer")], name="syncResults")
        self.export_button = button(self.tr("Export batch file…"), name="exportBatch")
        self.export_button.clicked.connect(self._choose_export)
        self.import_button = button(self.tr("Import roster file…"), name="importRoster")
        self.import_button.clicked.connect(self._choose_roster)
        self.package_button = button(self.tr("Import work package…"), name="importPackage")
        self.package_button.clicked.connect(self._choose_package)
        self.usb_message = label("", "", name="usbMessage")

        hq_box, hq_layout = card()
        hq_layout.addWidget(label(self.tr("Headquarters"), "subtitle"))
        form = QFormLayout()
        form.addRow(self.tr("Address"), self.url)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.choose_key)
        form.addRow(self.tr("Key file"), key_row)
        hq_layout.addLayout(form)
        hq_layout.addWidget(self.save_hq)
        hq_layout.addWidget(self.state)
        hq_layout.addWidget(self.since)

        send_box, send_layout = card()
        send_layout.addWidget(label(self.tr("Waiting to be sent"), "subtitle"))
        send_layout.addWidget(self.outbox)
        send_layout.addWidget(self.send_button)
        send_layout.addWidget(self.progress)
        send_layout.addWidget(self.results, 1)

        usb_box, usb_layout = card()
        usb_layout.addWidget(label(self.tr("USB stick (no network)"), "subtitle"))
        usb_layout.addWidget(self.export_button)
        usb_layout.addWidget(self.package_button)
        usb_layout.addWidget(self.import_button)
        usb_layout.addWidget(self.usb_message)
        usb_layout.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(hq_box)
        left.addWidget(usb_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(send_box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(title(self.tr("Sync with headquarters")))
        layout.addLayout(body, 1)

    # -- refresh --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.session.store is None:
            return
        store, home = self.session.store, self.session.home
        hq = read_hq(home)
        self.url.setText(hq.url)
        self.key.setText(hq.key_file)
        supervisor = self.session.is_supervisor
        for widget in (self.url, self.key, self.save_hq, self.choose_key):
            widget.setEnabled(supervisor)
        self.session.tasks.store(
            lambda: (sync_status(store, home), outbox_summary(store)), self._show, owner=self
        )

    def _show(self, loaded: tuple[SyncStatus, dict[str, int]]) -> None:
        status, counts = loaded
        self.outbox.setRowCount(len(counts))
        for row, (kind, count) in enumerate(sorted(counts.items())):
            self.outbox.setItem(row, 0, QTableWidgetItem(record_type_text(kind)))
            self.outbox.setItem(row, 1, QTableWidgetItem(str(count)))
        fit_rows(self.outbox)
        if status.days_since is None:
            since = self.tr("Headquarters has never confirmed anything from this laptop.")
        else:
            since = self.tr("Headquarters last confirmed records {days:.1f} days ago.").format(
                days=status.days_since
            )
        self.since.setText(since)
        set_role(self.since, "warning" if status.overdue else "muted")
        if not self.state.text():
            self.state.setText(
                self.tr("{n} records wait for headquarters.").format(n=status.pending)
                if status.pending
                else self.tr("Everything has reached headquarters ✔")
            )
        self.send_button.setEnabled(bool(status.pending))

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Headquarters key file"), "", "*.key")
        if path:
            self.key.setText(path)

    def _save_hq(self) -> None:
        try:
            write_hq(self.session.home, HqSettings(self.url.text(), self.key.text()))
        except Exception as exc:
            self._problem(exc)
            return
        set_role(self.state, "ok")
        self.state.setText(self.tr("Headquarters settings saved ✔"))
        self.refresh()

    # -- sending --------------------------------------------------------------------------------------
    def send(self) -> None:
        store, actor = self.session.require_store(), self.session.actor
        self.send_button.setEnabled(False)
        self.progress.setRange(0, 0)  # note: "busy" until the client reports upload progress
        self.progress.setTextVisible(True)
        set_role(self.state, "subtitle")
        self.state.setText(self.tr("Sending… the screen stays usable."))
        self.results.setRowCount(0)
        session = self.session
        home, tasks, cycle = session.home, session.tasks, session.cycle

        def progress(stage: str, done: int, total: int) -> None:
            tasks.on_main(lambda: self._progress(done, total))  # note: called on the store thread

        def work() -> SyncReport:
            # note: the team's region from fieldkit.toml and the session's cycle: the work package
            # comes with every sync, as with `fieldkit sync --region R --cycle C`
            report = run_sync(store, home, actor, plan_sync(home, cycle=cycle), progress=progress)
            if report.package is not None and report.package.enrollments_added:
                session.gallery = load_gallery(store)  # note: the duplicate search knows their palms too
            return report

        tasks.store(work, self._sent, self._send_failed, owner=self)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _sent(self, report: SyncReport) -> None:
        self.progress.setRange(0, max(report.sent, 1))
        self.progress.setValue(report.acknowledged if report.sent else 1)
        ok = not report.problems and report.package_error is None
        set_role(self.state, "ok" if ok else "warning")
        if not report.pending_before:
            lines = [self.tr("Nothing to send: everything has reached headquarters ✔")]
        else:
            lines = [
                self.tr("Connected. Sent {sent}; headquarters confirmed {ack}; {left} still waiting.").format(
                    sent=report.sent, ack=report.acknowledged, left=report.pending_after
                )
            ]
            if report.needs_review:
                lines.append(
                    self.tr("{n} records are queued for review at headquarters.").format(
                        n=report.needs_review
                    )
                )
            if report.missing:
                lines.append(
                    self.tr("Headquarters is missing {n} earlier records from this laptop.").format(
                        n=report.missing
                    )
                )
            decisions = sum(report.decisions.values())
            if decisions:
                lines.append(self.tr("{n} decisions from headquarters were applied.").format(n=decisions))
            if report.images_dropped:
                lines.append(
                    self.tr("{n} palm images headquarters holds were removed from this laptop.").format(
                        n=report.images_dropped
                    )
                )
        if report.package is not None:
            lines.append(self._package_text(report.package))
        if report.package_error is not None:
            lines.append(describe(report.package_error).full())
        self.state.setText("\n".join(lines))
        self.results.setRowCount(len(report.problems))
        for row, (uuid, problem) in enumerate(sorted(report.problems.items())):
            self.results.setItem(row, 0, QTableWidgetItem(uuid[:8]))
            self.results.setItem(row, 1, QTableWidgetItem(answer_text(problem)))
        self.session.data_changed.emit()
        self.refresh()

    def _send_failed(self, error: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.send_button.setEnabled(True)
        set_role(self.state, "error")
        self.state.setText(describe(error).full())

    def _problem(self, error: BaseException) -> None:
        set_role(self.state, "error")
        self.state.setText(describe(error).full())

    # -- USB ------------------------------------------------------------------------------------------
    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the batch file"), "fieldkit.fkbatch", "*.fkbatch"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        store, actor, home = self.session.require_store(), self.session.actor, self.session.home
        self.usb_message.setText(self.tr("Writing the batch file…"))
        self.session.tasks.store(
            lambda: export_batch(store, home, actor, path),
            lambda exported: self.usb_message.setText(
                self.tr("{n} records written to {file} (sealed for headquarters).").format(
                    n=exported.records, file=path.name
                )
            ),
            lambda error: self.usb_message.setText(describe(error).full()),
            owner=self,
        )

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Roster file from headquarters"), "", "*.csv *.txt"
        )
        if path:
            self.import_roster_from(Path(path))

    def import_roster_from(self, path: Path) -> None:
        store, actor, cycle = self.session.require_store(), self.session.actor, self.session.cycle
        home = self.session.home
        self.usb_message.setText(self.tr("Reading the roster…"))

        def done(result: RosterResult) -> None:
            self.usb_message.setText(
                self.tr("Roster: {ok} people taken in, {bad} rows refused.").format(
                    ok=result.accepted, bad=result.rejected
                )
            )
            self.session.data_changed.emit()

        self.session.tasks.store(
            lambda: import_roster_file(store, home, actor, path, cycle=cycle),
            done,
            lambda error: self.usb_message.setText(describe(error).full()),
            owner=self,
        )

    def _package_text(self, result: ApplySummary) -> str:
        """What a work package brought (counts only: the screen never lists people from it)."""
        return self.tr(
            "Work package {region}/{cycle}: {added} people added, {updated} updated, "
            "{enrolled} enrolments and {certified} certifications taken in."
        ).format(
            region=result.region,
            cycle=result.cycle,
            added=result.people_added,
            updated=result.people_updated,
            enrolled=result.enrollments_added,
            certified=result.certifications_added,
        )

    def _choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Work package from headquarters"), "", "*")
        if path:
            self.import_package_from(Path(path))

    def import_package_from(self, path: Path) -> None:
        """Verify and apply a work package; the duplicate-search gallery then knows its palms too."""
        session = self.session
        store, actor, home = session.require_store(), session.actor, session.home
        self.usb_message.setText(self.tr("Checking the work package…"))

        def work() -> ApplySummary:
            result = apply_package_file(store, home, actor, path)
            session.gallery = load_gallery(store)  # note: on the store thread, like every gallery use
            return result

        def done(result: ApplySummary) -> None:
            self.usb_message.setText(self._package_text(result))
            session.data_changed.emit()

        session.tasks.store(
            work, done, lambda error: self.usb_message.setText(describe(error).full()), owner=self
        )
