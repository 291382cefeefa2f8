package hozon.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words: Japanese first (the default locale); English in {@code messages/msg_en.properties}.
 * In templates: {@code {msg:nav_holds}}. Every key must exist in both, or the build fails.
 */
@MessageBundle(value = "msg", locale = "ja")
public interface Msg {

    @Message("hozon コンソール")
    String app_name();

    @Message("ダッシュボード")
    String nav_dashboard();

    @Message("保全")
    String nav_holds();

    @Message("承認待ち")
    String nav_approvals();

    @Message("事件")
    String nav_cases();

    @Message("照会")
    String nav_lookups();

    @Message("保存ルール")
    String nav_rules();

    @Message("削除の実行")
    String nav_purge();

    @Message("遵守状況報告")
    String nav_report();

    @Message("メインメニュー")
    String nav_main();

    @Message("本文へ移動")
    String skip_to_content();

    @Message("ログイン中：")
    String signed_in_as();

    @Message("役割")
    String roles();

    @Message("ログアウト")
    String sign_out();

    @Message("ログイン")
    String sign_in();

    @Message("ログイン（ローカル発行者）")
    String sign_in_title();

    @Message("この画面は ./run-suite のデモ環境にのみ存在します。本番では事業者の認証基盤（OIDC）でログインします。")
    String sign_in_note();

    @Message("ログインする人")
    String sign_in_person();

    @Message("その人はいません。")
    String sign_in_unknown();

    @Message("言語")
    String language();

    @Message("English")
    String language_switch();

    @Message("時刻はすべて日本標準時（JST）です。")
    String times_in_jst();

    @Message("この画面を使う権限がありません")
    String forbidden_title();

    @Message("あなたの役割ではこの画面を使えません。必要な場合は管理者に依頼してください。")
    String forbidden_text();

    @Message("サービスが拒否しました")
    String service_refused();

    @Message("エラー")
    String service_error();

    @Message("根拠条文")
    String rule_cited();

    @Message("なし")
    String none();

    @Message("完了しました。")
    String done();

    @Message("ダッシュボード")
    String dashboard_title();

    @Message("終了が近い保全")
    String holds_ending();

    @Message("残り日数")
    String days_left();

    @Message("日")
    String days_unit();

    @Message("あなたの承認を待っている申請")
    String approvals_waiting();

    @Message("最近の削除の実行")
    String last_runs();

    @Message("台帳の状態")
    String ledger_status();

    @Message("ハッシュ連鎖は正常です")
    String ledger_valid();

    @Message("ハッシュ連鎖が破損しています")
    String ledger_broken();

    @Message("記録数")
    String ledger_entries();

    @Message("保存期間を過ぎた記録")
    String overdue_records();

    @Message("今月、記録の削除後に届いた照会")
    String expired_lookups_month();

    @Message("（あなたの役割では表示されません）")
    String not_for_your_role();

    @Message("保全")
    String holds_title();

    @Message("保全を登録する")
    String holds_new();

    @Message("種類")
    String hold_type();

    @Message("状態")
    String hold_status();

    @Message("開始")
    String hold_starts();

    @Message("終了")
    String hold_ends();

    @Message("秘匿")
    String hold_confidential();

    @Message("（秘匿：法務担当者のみ閲覧可）")
    String hold_redacted();

    @Message("要請機関")
    String hold_authority();

    @Message("担当官")
    String hold_officer();

    @Message("文書番号")
    String hold_document();

    @Message("要請日")
    String hold_request_date();

    @Message("裁判所")
    String hold_court();

    @Message("事件番号")
    String hold_case_number();

    @Message("理由")
    String hold_reason();

    @Message("見直し日")
    String hold_review_date();

    @Message("保全日数")
    String hold_days();

    @Message("保全要請は30日以内（刑事訴訟法第197条第3項）。延長は通じて60日まで（同第4項）。")
    String hold_days_hint();

    @Message("刑事訴訟法第197条第3項：保全要請は30日を超えることができません。")
    String hold_days_over();

    @Message("対象期間の始め")
    String hold_window_from();

    @Message("対象期間の終わり（含まない）")
    String hold_window_to();

    @Message("ログの種類")
    String hold_categories();

    @Message("対象")
    String hold_selector();

    @Message("対象の種類")
    String hold_selector_kind();

    @Message("値（IPアドレス、加入者IDなど）")
    String hold_selector_value();

    @Message("ポート（始め）")
    String hold_port_start();

    @Message("ポート（終わり）")
    String hold_port_end();

    @Message("要請を秘匿する（刑事訴訟法第197条第5項）")
    String hold_confidential_label();

    @Message("登録する")
    String hold_register();

    @Message("延長する")
    String hold_extend();

    @Message("延長日数")
    String hold_extend_days();

    @Message("解除を申請する")
    String hold_release();

    @Message("解除の種類")
    String hold_release_kind();

    @Message("解除の理由")
    String hold_release_reason();

    @Message("解除を申請しました。別の法務担当者の承認で解除されます。")
    String hold_release_requested();

    @Message("保全を登録しました。")
    String hold_created();

    @Message("延長しました。")
    String hold_extended();

    @Message("保全はありません。")
    String holds_none();

    @Message("詳細")
    String hold_details();

    @Message("実際の終了")
    String hold_effective_end();

    @Message("付与日数")
    String hold_granted();

    @Message("承認待ち")
    String approvals_title();

    @Message("申請")
    String approval_kind();

    @Message("申請者")
    String approval_requested_by();

    @Message("申請日時")
    String approval_requested_at();

    @Message("対象")
    String approval_target();

    @Message("コメント")
    String approval_comment();

    @Message("承認する")
    String approve();

    @Message("却下する")
    String reject();

    @Message("承認待ちの申請はありません。")
    String approvals_none();

    @Message("決定しました。")
    String approval_decided();

    @Message("事件")
    String cases_title();

    @Message("事件を開く")
    String case_open();

    @Message("種別")
    String case_type();

    @Message("文書番号")
    String case_reference();

    @Message("発出者")
    String case_issuer();

    @Message("内容")
    String case_description();

    @Message("有効期限")
    String case_valid_to();

    @Message("有効期間")
    String case_valid();

    @Message("許可される照会")
    String case_lookups();

    @Message("対象のログ")
    String case_categories();

    @Message("終了")
    String case_closed();

    @Message("事件を閉じる")
    String case_close();

    @Message("閉じる理由")
    String case_close_reason();

    @Message("事件はありません。")
    String cases_none();

    @Message("事件を開きました。")
    String case_opened();

    @Message("事件を閉じました。")
    String case_closed_done();

    @Message("照会")
    String lookups_title();

    @Message("照会の根拠となる事件")
    String lookup_case();

    @Message("AP照会：IPアドレス・ポート・日時から加入者を特定")
    String lookup_ap();

    @Message("IPアドレス")
    String lookup_ip();

    @Message("ポート番号")
    String lookup_port();

    @Message("日時（JST）")
    String lookup_instant();

    @Message("照会する")
    String lookup_run();

    @Message("CP照会：投稿の発信元")
    String lookup_cp();

    @Message("投稿ID")
    String lookup_post();

    @Message("一括照会（開示命令のリスト）")
    String lookup_list();

    @Message("1行に1件：アドレス,ポート,日時（例：203.0.113.7,1500,2026-12-01 10:00:00）")
    String lookup_list_hint();

    @Message("リストを貼り付ける")
    String lookup_list_text();

    @Message("またはCSVファイル")
    String lookup_list_file();

    @Message("開いている事件がありません。先に事件を開いてください。")
    String lookup_no_case();

    @Message("照会の結果")
    String lookup_result();

    @Message("候補")
    String lookup_candidates();

    @Message("該当する記録はありません。")
    String lookup_none();

    @Message("照会の日時の記録は保存期間を過ぎて既に削除されています。")
    String lookup_expired();

    @Message("複数の候補があり、一意に特定できません。")
    String lookup_ambiguous();

    @Message("加入者ID")
    String lookup_subscriber();

    @Message("セッション")
    String lookup_session();

    @Message("割当アドレス")
    String lookup_assigned();

    @Message("公開アドレス・ポート")
    String lookup_public();

    @Message("接続期間")
    String lookup_interval();

    @Message("（接続中）")
    String lookup_open();

    @Message("照合の根拠")
    String lookup_matched();

    @Message("時刻誤差の許容範囲内でのみ一致")
    String lookup_tolerance();

    @Message("証拠の連鎖")
    String lookup_evidence();

    @Message("ポートブロック記録")
    String lookup_port_block();

    @Message("導出")
    String lookup_derivation();

    @Message("発信者情報")
    String lookup_sender_info();

    @Message("項目")
    String lookup_item();

    @Message("内容")
    String lookup_value();

    @Message("通信の日時")
    String lookup_recorded();

    @Message("検索したログ")
    String lookup_searched();

    @Message("事件の範囲外で検索しなかったログ")
    String lookup_not_covered();

    @Message("注記")
    String lookup_notes();

    @Message("回答書（PDF）を作成する")
    String lookup_pdf();

    @Message("回答書は改めて照会して作成します（その照会も記録されます）。")
    String lookup_pdf_note();

    @Message("投稿")
    String lookup_post_event();

    @Message("直前のログイン等")
    String lookup_before();

    @Message("直後のログイン等")
    String lookup_after();

    @Message("アカウント")
    String lookup_account();

    @Message("提供しない情報")
    String lookup_withheld();

    @Message("No.")
    String lookup_tuple();

    @Message("照会できません")
    String lookup_refused_tuple();

    @Message("保存ルールとガイドラインの所見")
    String rules_title();

    @Message("ログの種類")
    String rule_category();

    @Message("版")
    String rule_version();

    @Message("保存期間")
    String rule_period();

    @Message("方式")
    String rule_mode();

    @Message("状態")
    String rule_status();

    @Message("目的")
    String rule_purposes();

    @Message("所見")
    String rule_findings();

    @Message("適用開始")
    String rule_effective();

    @Message("保存ルールはありません。")
    String rules_none();

    @Message("削除の実行")
    String purge_title();

    @Message("開始")
    String purge_started();

    @Message("結果")
    String purge_outcome();

    @Message("契機")
    String purge_trigger();

    @Message("削除件数")
    String purge_rows();

    @Message("受領記録")
    String purge_receipt();

    @Message("受領記録を表示")
    String purge_show_receipt();

    @Message("台帳の検証")
    String purge_verification();

    @Message("削除の実行はありません。")
    String purge_none();

    @Message("通信履歴の保存に関する遵守状況報告")
    String report_title();

    @Message("PDFで保存")
    String report_pdf();

    @Message("CSVで保存")
    String report_csv();

    @Message("基準日時")
    String report_as_of();

    @Message("保存ルールとガイドラインの所見")
    String report_rules();

    @Message("保存期間を過ぎた記録")
    String report_overdue();

    @Message("合計")
    String report_overdue_total();

    @Message("保全中")
    String report_held();

    @Message("保全（種類別）")
    String report_holds();

    @Message("有効")
    String report_in_force();

    @Message("合計")
    String report_total();

    @Message("記録の削除後に届いた照会（種類・月別）")
    String report_expired();

    @Message("月")
    String report_month();

    @Message("件数")
    String report_count();

    @Message("最短経過日数")
    String report_min_age();

    @Message("最長経過日数")
    String report_max_age();

    @Message("削除の実績（月別）")
    String report_deletions();

    @Message("実行回数")
    String report_runs();

    @Message("削除の受領記録（台帳）")
    String report_receipts();

    @Message("台帳ハッシュ")
    String report_ledger_hash();

    @Message("取得できなかった項目")
    String report_unavailable();

    @Message("削除基準日時")
    String report_cutoff();

    @Message("解除（事件の終了など）")
    String release_kind_released();

    @Message("撤回（要請者による）")
    String release_kind_withdrawn();

    @Message("保全要請（刑事訴訟法第197条第3項）")
    String hold_type_preservation();

    @Message("消去禁止命令")
    String hold_type_order();

    @Message("緊急保全")
    String hold_type_emergency();

    @Message("AP照会（アドレス・ポート・日時）")
    String lookup_kind_ap();

    @Message("CP照会（投稿）")
    String lookup_kind_cp();

    @Message("延長要請の文書番号")
    String hold_extend_document();
}
