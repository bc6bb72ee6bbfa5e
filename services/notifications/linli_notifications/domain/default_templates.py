"""Shipped templates (Simplified Chinese), used when a district has not written its own.

Templates see the event's fields (a ticket event's ``ticket`` fields also at top level), plus
``event_type``, ``event_id`` and ``occurred_at``. Show times and names with the filters of
``domain.filters`` (``local_time``, ``compound_name``, ``building_name``, ``category_name``, ``yuan``),
never the raw UTC string or the id.
"""

from __future__ import annotations

GENERIC_TEMPLATE = ("新消息", "您有一条新的通知（{{ event_type }}）。")

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "ticket_created": (
        "报修已受理",
        "您的报修（{{ description | truncate(60, true, '…') }}）已提交，"
        "社区将尽快派单。工单号：{{ ticket_id }}",
    ),
    "ticket_to_dispatch": (
        "新报修待派单",
        "{{ compound_id | compound_name }} 有新的报修（{{ category | category_name }}）："
        "{{ description | truncate(80, true, '…') }}。请及时派单。",
    ),
    "ticket_dispatched": (
        "新工单待接单",
        "社区派单：{{ description | truncate(80, true, '…') }}"
        "（类别：{{ category | category_name }}，小区：{{ compound_id | compound_name }}）。"
        "{% if accept_by %}请于 {{ accept_by | local_time }}前接单。{% endif %}工单号：{{ ticket_id }}",
    ),
    "ticket_dispatched_reporter": ("报修已派单", "您的报修已派给服务方处理，工单号：{{ ticket_id }}。"),
    "ticket_accepted": ("服务方已接单", "您的报修已被接单，服务人员将尽快上门。工单号：{{ ticket_id }}"),
    "ticket_rejected": ("工单被退回", "工单 {{ ticket_id }} 被服务方退回：{{ reason }}。请重新派单。"),
    "ticket_completed": ("工单已完成待督办", "工单 {{ ticket_id }} 已完成，请核实。{{ note }}"),
    "ticket_completed_reporter": ("维修已完成", "您的报修已处理完毕，请确认并评价。工单号：{{ ticket_id }}"),
    "ticket_verified": (
        "工单已核实",
        "{% if approved %}社区已确认您的报修处理完毕{% else %}社区核实后要求返工{% endif %}。"
        "工单号：{{ ticket_id }}",
    ),
    "ticket_rated": ("居民评价", "工单 {{ ticket_id }} 获得 {{ rating }} 星评价。{{ comment }}"),
    "ticket_escalated": (
        "工单督办提醒",
        "工单 {{ ticket_id }}（{{ category | category_name }}）"
        "{% if kind == 'breach' %}已超时{% elif kind == 'urge' %}居民催办"
        "{% else %}即将超时{% endif %}，请督办。",
    ),
    "ticket_escalated_provider": (
        "工单催办",
        "工单 {{ ticket_id }}{% if kind == 'breach' %}已超过时限{% else %}即将超过时限{% endif %}"
        "，请尽快处理。",
    ),
    "ticket_closed": ("工单已关闭", "您的报修（工单号 {{ ticket_id }}）已关闭。感谢您的支持！"),
    "ticket_reopened": ("工单重新打开", "工单 {{ ticket_id }} 已重新打开：{{ reason }}"),
    "proposal_withdrawn": (
        "议题已撤回",
        "议题“{{ title }}”已撤回{% if vote_cancelled %}，表决随之取消{% endif %}。原因：{{ reason }}",
    ),
    "proposal_decided": (
        "议题表决结果",
        "议题“{{ title }}”{% if approved %}已通过{% else %}未通过{% endif %}。{{ summary }}",
    ),
    "contract_changed": (
        "服务合同变更",
        "贵公司在小区 {{ compound_id | compound_name }} 的服务合同"
        "{% if active %}已生效{% else %}已终止{% endif %}。",
    ),
    "config_changed": (
        "治理配置已更新",
        "本辖区治理配置已更新至第 {{ version }} 版（操作人：{{ changed_by }}）。",
    ),
    "tenant_created": ("辖区已开通", "{{ name }} 已开通邻里共享物业平台。"),
    # fees: the public ledger and the maintenance fund (amounts in fen, shares in basis points)
    "statement_published": (
        "{{ compound_id | compound_name }}{{ period }}收支公示",
        "{{ compound_id | compound_name }} {{ period }} 收支公示已发布："
        "收入 {{ (total_income_fen or 0) | yuan }}，支出 {{ (total_expenses_fen or 0) | yuan }}"
        "{% if top_expense_share_bp %}（{{ top_expense_name }}占"
        "{{ '%g' | format(top_expense_share_bp / 100) }}%）{% endif %}，"
        "结余 {{ (closing_balance_fen or 0) | yuan }}。每一笔收支与凭证可在“收支公示”中查看，"
        "并可核验本月公示未被改动（校验码 {{ (hash or '')[:12] }}）。",
    ),
    "fund_application_approved": (
        "维修资金使用已获业主表决通过",
        "{{ compound_id | compound_name }}“{{ title }}”经业主表决通过，批准使用维修资金"
        " {{ (approved_fen or 0) | yuan }}，将按发票分期拨付并在收支公示中公开。",
    ),
    "fund_disbursed": (
        "维修资金拨付公示",
        "{{ compound_id | compound_name }}“{{ title }}”于 {{ occurred_at | local_time('long') }}"
        " 拨付 {{ (amount_fen or 0) | yuan }}（{{ contractor }}，发票 {{ invoice_no }}），"
        "累计已拨付 {{ (disbursed_fen or 0) | yuan }}，批准额度 {{ (approved_fen or 0) | yuan }}。",
    ),
    # fees: bills, payments, reversals and reminders (amounts in fen, dates already local)
    "fee_bill_issued": (
        "{{ period_label }}{{ item_name }}账单",
        "{{ compound_id | compound_name }}{{ household_label }}：{{ period_label }}{{ item_name }}"
        " {{ amount_fen | default(0) | yuan }}，请于 {{ due_on }} 前缴纳。明细可在“我的账单”中查看。",
    ),
    "fee_payment_received": (
        "缴费成功",
        "{% set how = method | default('') %}"
        "{{ household_label }} 已缴费 {{ amount_fen | default(0) | yuan }}"
        "（{% if how == 'cash' %}现金{% elif how == 'transfer' %}转账{% else %}线上支付{% endif %}），"
        "收据号 {{ receipt_no }}。{% set kept = to_prepaid_fen | default(0) %}"
        "{% if kept %}其中 {{ kept | yuan }} 存为预存，{% endif %}"
        "预存余额 {{ prepaid_balance_fen | default(0) | yuan }}。"
        "{% if offer | default('') %}已享受优惠：{{ offer }}。{% endif %}"
        "{% if gift | default('') %}请到社区领取{{ gift }}。{% endif %}",
    ),
    "fee_entry_reversed": (
        "{% if kind | default('') == 'refund' %}退款已办理{% else %}缴费已冲正{% endif %}",
        "{% set refund = kind | default('') == 'refund' %}{{ compound_id | compound_name }}："
        "{% if refund %}预存退款{% else %}一笔缴费冲正{% endif %}"
        " {{ amount_fen | default(0) | yuan }} 已办理，"
        "原因：{{ reason | default('') }}。如有疑问请联系社区。",
    ),
    "fee_reminder": (
        "物业费缴费提醒",
        "{{ compound_id | compound_name }}{{ household_label }}：您有 {{ bills }} 笔账单（{{ periods }}）"
        "已逾期 {{ days_overdue }} 天，共 {{ amount_due_fen | default(0) | yuan }}"
        "{% set late = late_fee_fen | default(0) %}"
        "{% if late %}，按本区规定另计滞纳金 {{ late | yuan }}{% endif %}。"
        "请及时缴纳，如有困难请联系社区。",
    ),
    # points (events carry names and the district's local time as text)
    "points_credited": (
        "{{ points_name or '积分' }}到账",
        "{{ subject_name or '您' }}好，您于 {{ local_time }} 因“{{ reason }}”获得 {{ amount }} "
        "{{ points_name or '积分' }}，感谢您的付出！",
    ),
    "points_transferred": (
        "{{ points_name or '积分' }}转赠成功",
        "您于 {{ local_time }} 向{{ to_name or '邻居' }}转赠 {{ amount }} {{ points_name or '积分' }}"
        "{% if memo %}（{{ memo }}）{% endif %}。",
    ),
    "activity_to_confirm": (
        "志愿服务时长待确认",
        "{{ subject_name or '志愿者' }}在{{ compound_id | compound_name }}完成“{{ kind_name }}”"
        " {{ ((minutes or 0) | int / 60) | round(1) }} 小时（{{ local_time }} 签退），请确认。",
    ),
    "activity_confirmed": (
        "服务时长已确认",
        "{{ subject_name or '您' }}的“{{ kind_name }}” {{ ((minutes or 0) | int / 60) | round(1) }} 小时"
        "已于 {{ local_time }} 确认{% if corrects %}（更正记录）{% endif %}。",
    ),
    "activity_rejected": (
        "服务时长未通过确认",
        "{{ subject_name or '您' }}的“{{ kind_name }}”记录未通过确认{% if note %}：{{ note }}{% endif %}。",
    ),
    "award_granted": ("{{ award_name }}评选结果", "{{ award_name }}（{{ period }}）评选结果：{{ summary }}"),
    # points: catalog orders (兑换) and the tool library (闲置资源流转)
    "points_order_placed": (
        "积分兑换成功",
        "您已用 {{ points }} 积分兑换“{{ item_name }}”×{{ quantity | default(1) }}，兑换码 {{ code }}，"
        "请于 {{ expires_at | local_time }}前{% if org_id | default('') %}使用{% else %}领取{% endif %}。",
    ),
    "points_coupon_issued": (
        "新的服务券",
        "居民兑换了“{{ item_name }}”×{{ quantity | default(1) }}（兑换码 {{ code }}），"
        "有效期至 {{ expires_at | local_time }}。上门服务后请核销。",
    ),
    "points_order_fulfilled": (
        "兑换已完成",
        "您兑换的“{{ item_name }}”已{% if org_id | default('') %}使用{% else %}领取{% endif %}，"
        "{{ points }} 积分已扣除。",
    ),
    "points_order_cancelled": (
        "{% if outcome | default('') == 'expired' %}兑换已过期{% else %}兑换已取消{% endif %}",
        "您兑换的“{{ item_name }}”"
        "{% if outcome | default('') == 'expired' %}已过期未使用{% else %}已取消{% endif %}，"
        "{{ points }} 积分已退回{% if reason | default('') %}（{{ reason }}）{% endif %}。",
    ),
    "tool_accepted": ("闲置工具已入库", "您捐出的“{{ name }}”已由志愿者接收保管，邻居可以借用了，谢谢您！"),
    "tool_borrowed": (
        "工具借用成功",
        "您借用了“{{ name }}”，请于 {{ due_at | local_time }}前归还"
        "{% if deposit | default(0) | int %}，押金 {{ deposit }} 积分归还后退回{% endif %}。",
    ),
    "tool_returned": (
        "工具已归还",
        "“{{ name }}”已归还{% if late | default(false) %}（逾期）{% endif %}，如有押金已退回。谢谢！",
    ),
    "tool_overdue": (
        "工具借用已逾期",
        "您借用的“{{ name }}”应于 {{ due_at | local_time }}归还，已逾期，请尽快还给保管志愿者。",
    ),
    "tool_overdue_keeper": (
        "借出工具逾期未还",
        "“{{ name }}”应于 {{ due_at | local_time }}归还，借用人尚未归还，请联系提醒。",
    ),
}
