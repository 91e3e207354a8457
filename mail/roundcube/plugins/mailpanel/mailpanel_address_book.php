<?php

/**
 * The company address book: the accounts of the person's own domain that the panel keeps in it (the view
 * mail.address_book: active accounts of an active domain whose visibility setting is on). Read-only.
 */
class mailpanel_address_book extends rcube_addressbook
{
    public $primary_key = 'ID';
    public $readonly = true;
    public $groups = false;

    /** @var PDO */
    private $db;
    private $domain;
    private $name;
    /** @var string|null the words searched for, or null */
    private $filter;
    /** @var rcube_result_set|null */
    private $result;

    public function __construct(PDO $db, $address, $name)
    {
        $this->db = $db;
        $at = strrpos((string) $address, '@');
        $this->domain = strtolower($at === false ? '' : substr((string) $address, $at + 1));
        $this->name = $name;
        $this->ready = true;
    }

    public function get_name()
    {
        return $this->name;
    }

    public function set_search_set($filter)
    {
        $this->filter = $filter;
    }

    public function get_search_set()
    {
        return $this->filter;
    }

    public function reset()
    {
        $this->result = null;
        $this->filter = null;
    }

    public function list_records($cols = null, $subset = 0, $nocount = false)
    {
        $offset = max(0, ($this->list_page - 1) * $this->page_size);
        $limit = $this->page_size;
        if ($subset < 0) {
            $offset += $this->page_size + $subset;
            $limit = -$subset;
        } elseif ($subset > 0) {
            $limit = $subset;
        }
        [$where, $params] = $this->where();
        $statement = $this->db->prepare(
            "SELECT address, first_name, last_name, phone, mobile, company, department, job_title FROM mail.address_book WHERE $where ORDER BY address LIMIT " . (int) $limit . " OFFSET " . (int) $offset
        );
        $statement->execute($params);
        $this->result = new rcube_result_set($nocount ? 0 : $this->count()->count, $offset);
        foreach ($statement->fetchAll(PDO::FETCH_ASSOC) as $row) {
            $this->result->add($this->record($row));
        }
        return $this->result;
    }

    public function search($fields, $value, $mode = 0, $select = true, $nocount = false, $required = [])
    {
        $this->filter = is_array($value) ? implode(' ', $value) : (string) $value;
        $this->list_page = 1;
        return $select ? $this->list_records(null, 0, $nocount) : $this->count();
    }

    public function count()
    {
        [$where, $params] = $this->where();
        $statement = $this->db->prepare("SELECT count(*) FROM mail.address_book WHERE $where");
        $statement->execute($params);
        return new rcube_result_set((int) $statement->fetchColumn(), max(0, ($this->list_page - 1) * $this->page_size));
    }

    public function get_result()
    {
        return $this->result;
    }

    public function get_record($id, $assoc = false)
    {
        $statement = $this->db->prepare(
            'SELECT address, first_name, last_name, phone, mobile, company, department, job_title FROM mail.address_book WHERE domain = ? AND address = ?'
        );
        $statement->execute([$this->domain, (string) $id]);
        $row = $statement->fetch(PDO::FETCH_ASSOC);
        $this->result = new rcube_result_set($row === false ? 0 : 1);
        if ($row === false) {
            return $assoc ? false : $this->result;
        }
        $record = $this->record($row);
        $this->result->add($record);
        return $assoc ? $record : $this->result;
    }

    /** Only the person's own domain; each searched word somewhere in the name, address, company or department. */
    private function where()
    {
        $where = 'domain = ?';
        $params = [$this->domain];
        foreach (preg_split('/\s+/', trim((string) $this->filter), -1, PREG_SPLIT_NO_EMPTY) as $word) {
            $where .= " AND strpos(lower(address || ' ' || first_name || ' ' || last_name || ' ' || company || ' ' || department), ?) > 0";
            $params[] = mb_strtolower($word);
        }
        return [$where, $params];
    }

    private function record(array $row)
    {
        $name = trim($row['first_name'] . ' ' . $row['last_name']);
        return [
            'ID' => $row['address'],
            'name' => $name !== '' ? $name : $row['address'],
            'firstname' => $row['first_name'],
            'surname' => $row['last_name'],
            'email' => [$row['address']],
            'phone:work' => $row['phone'] !== '' ? [$row['phone']] : [],
            'phone:mobile' => $row['mobile'] !== '' ? [$row['mobile']] : [],
            'organization' => $row['company'],
            'department' => $row['department'],
            'jobtitle' => $row['job_title'],
        ];
    }
}
