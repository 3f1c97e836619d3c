"""The operations pages' words, Chinese first with English (added to the console's table at import)."""

from __future__ import annotations

from fieldkit.hq.console import i18n

WORDS: dict[str, tuple[str, str]] = {
    # devices
    "ops.devices.intro": (
        "已登记的外业笔记本：状态、可领取工作包的区域、最后同步时间和缺失的序号。",
        "Registered field laptops: status, the regions whose work packages they receive, last sync "
        "and missing sequence numbers.",
    ),
    "ops.devices.name": ("名称（队）", "Name (team)"),
    "ops.devices.key": ("设备密钥", "Device key"),
    "ops.devices.status": ("状态", "Status"),
    "ops.devices.approved": ("已批准", "approved"),
    "ops.devices.revoked": ("已吊销", "revoked"),
    "ops.devices.regions": ("区域", "Regions"),
    "ops.devices.no_regions": ("无（收不到工作包）", "none (no work packages)"),
    "ops.devices.last_sync": ("最后同步", "Last sync"),
    "ops.devices.never": ("从未同步", "never"),
    "ops.devices.batches": ("批次", "Batches"),
    "ops.devices.gaps": ("缺失序号", "Missing numbers"),
    "ops.devices.no_gaps": ("无", "none"),
    "ops.devices.actions": ("操作", "Actions"),
    "ops.devices.bind": ("保存区域", "Save regions"),
    "ops.devices.revoke": ("吊销", "Revoke"),
    "ops.devices.confirm_revoke": ("确认吊销", "confirm"),
    "ops.devices.register": ("登记设备", "Register a device"),
    "ops.devices.public_key": ("设备公钥（64 位十六进制）", "Device public key (64 hex characters)"),
    "ops.devices.region_codes": ("区域代码（逗号分隔）", "Region codes (comma-separated)"),
    "ops.devices.register_submit": ("批准此设备", "Approve this device"),
    "ops.devices.empty": ("尚无设备。", "No devices yet."),
    "ops.devices.done.registered": ("设备已批准。", "Device approved."),
    "ops.devices.done.revoked": (
        "设备已吊销，今后其请求和批次一律拒收。",
        "Device revoked: its requests and batches are refused from now on.",
    ),
    "ops.devices.done.regions": ("区域已保存。", "Regions saved."),
    "ops.audit.recent": ("最近的操作记录", "Recent changes (audit trail)"),
    "ops.audit.at": ("时间", "When"),
    "ops.audit.login": ("工作人员", "Staff"),
    "ops.audit.action": ("操作", "Action"),
    "ops.audit.subject": ("对象", "Subject"),
    # regions
    "ops.nav.regions": ("区域", "Regions"),
    "ops.regions.intro": (
        "名册中的区域（人数、认证周期）以及可领取该区域工作包的设备。工作包含该区域全部人员的身份数据，只应绑定给负责该区域的队。",
        "The roster's regions (people, cycles) and the devices that receive each region's work packages. "
        "A package holds the identity data of a whole region: bind it only to the teams working there.",
    ),
    "ops.regions.code": ("区域代码", "Region code"),
    "ops.regions.people": ("名册人数", "People on the roster"),
    "ops.regions.devices": ("可领取工作包的设备", "Devices receiving its packages"),
    "ops.regions.nobody": ("无设备", "no device"),
    "ops.regions.unbind": ("解除", "Unbind"),
    "ops.regions.bind_title": ("为设备增加区域", "Bind a device to a region"),
    "ops.regions.bind": ("绑定", "Bind"),
    # reconciliation
    "ops.recon.intro": (
        "按队（设备）核对：应收为该设备已见到的最大序号，实收为总部收到的不同序号数；缺失即外业做了而总部未收到的记录。",
        "Per team (device): expected is the highest sequence number seen from the device, received the "
        "distinct numbers headquarters holds; a gap is a record made in the field that never arrived.",
    ),
    "ops.recon.pdf": ("下载 PDF 对账报告", "Download the PDF report"),
    "ops.recon.team": ("队（设备）", "Team (device)"),
    "ops.recon.expected": ("应收", "Expected"),
    "ops.recon.received": ("实收", "Received"),
    "ops.recon.missing": ("缺失", "Missing"),
    "ops.recon.open": ("待审", "Open items"),
    "ops.recon.decided": ("已决", "Decided"),
    "ops.recon.decisions": ("已下发决定", "Decisions sent"),
    "ops.recon.state": ("结论", "State"),
    "ops.recon.ok": ("正常", "OK"),
    "ops.recon.check": ("需处理", "Check"),
    "ops.recon.total": ("合计", "Total"),
    "ops.recon.why_missing": ("条未收到", "not received"),
    "ops.recon.why_open": ("项待审", "open items"),
    "ops.chart.aria": ("各区已认证/应认证", "Certified of due, by district"),
    "ops.chart.overall": ("总进度", "Overall"),
    # progress
    "ops.progress.intro": (
        "本认证周期各区的进度：应认证（名册中未死亡、未暂停者）、已认证、待处理的审核事项。",
        "This certification cycle by district: due (on the roster, not deceased or suspended), "
        "certified, and open review items.",
    ),
    "ops.progress.cycle": ("认证周期", "Cycle"),
    "ops.progress.show": ("显示", "Show"),
    "ops.progress.district": ("区", "District"),
    "ops.progress.due": ("应认证", "Due"),
    "ops.progress.certified": ("已认证", "Certified"),
    "ops.progress.remaining": ("待认证", "Remaining"),
    "ops.progress.cases": ("待处理", "Open cases"),
    "ops.progress.empty": (
        "尚未导入名册：用 `fieldkit hq roster-load` 导入后即可看到进度。",
        "No roster loaded yet: load one with `fieldkit hq roster-load` to see progress.",
    ),
    # staff
    "ops.staff.intro": (
        "总部工作人员账号。账号不删除（决定中保留其登录名），只停用；停用或重设密码会立即结束其登录会话。",
        "Headquarters staff accounts. Accounts are never deleted (decisions keep their login), only "
        "deactivated; deactivating or resetting a password ends the account's sessions at once.",
    ),
    "ops.staff.login": ("登录名", "Login"),
    "ops.staff.name": ("姓名", "Name"),
    "ops.staff.role": ("角色", "Role"),
    "ops.staff.state": ("状态", "State"),
    "ops.staff.active": ("在用", "active"),
    "ops.staff.inactive": ("已停用", "deactivated"),
    "ops.staff.locked": ("已锁定", "locked"),
    "ops.staff.failures": ("次输错", "wrong passwords"),
    "ops.staff.deactivate": ("停用", "Deactivate"),
    "ops.staff.reactivate": ("恢复", "Reactivate"),
    "ops.staff.unlock": ("解锁", "Unlock"),
    "ops.staff.new_password": ("新密码（至少 8 个字符）", "New password (8+ characters)"),
    "ops.staff.new_password_short": ("新密码（≥8 位）", "New password (8+)"),
    "ops.staff.reset": ("重设密码", "Reset password"),
    "ops.staff.add": ("新建账号", "Add an account"),
    "ops.staff.password": ("初始密码（至少 8 个字符）", "First password (8+ characters)"),
    "ops.staff.add_submit": ("创建", "Create"),
    "ops.staff.you": ("（本人）", "(you)"),
    "ops.staff.done.added": ("账号已创建。", "Account created."),
    "ops.staff.done.deactivated": (
        "账号已停用，其登录会话已结束。",
        "Account deactivated; its sessions ended.",
    ),
    "ops.staff.done.reactivated": ("账号已恢复。", "Account reactivated."),
    "ops.staff.done.unlocked": ("账号已解锁。", "Account unlocked."),
    "ops.staff.done.password": ("密码已重设，其登录会话已结束。", "Password reset; its sessions ended."),
}

i18n.add_words(WORDS)
